"""Infrastructure and distribution configurations. Update replaces the whole resource: an
optional field left out of the call is removed, as the Image Builder API does."""

from . import errors
from .core import CoreBackend, now
from .model_fields import stored_fields
from .registry import backend_part

# Every member the call accepts and Get returns (botocore model), so nothing given is lost.
INFRA_FIELDS = stored_fields("UpdateInfrastructureConfiguration", "GetInfrastructureConfiguration",
                             "infrastructureConfiguration")
DIST_FIELDS = stored_fields("UpdateDistributionConfiguration", "GetDistributionConfiguration", "distributionConfiguration")
NAME_FILTER = {"name": "name"}
DISTRIBUTION_TIMEOUT_MINUTES = 720


@backend_part
class Configurations(CoreBackend):
    def _create_config(self, kind, params, fields):
        arn = self.arn(kind, params["name"])
        if arn in self.records(kind):
            raise errors.already_exists(arn)
        record = {field: params.get(field) for field in fields}
        record.update(name=params["name"], tags=dict(params.get("tags") or {}))
        self.add(kind, arn, record)
        return arn

    def _replace_config(self, kind, arn, params, fields):
        record = self.records(kind).get(arn)
        if record is None:
            raise errors.not_found(arn)
        for field in fields:
            record[field] = params.get(field)
        record["dateUpdated"] = now()
        return record

    def create_infrastructure_configuration(self, params):
        params.setdefault("terminateInstanceOnFailure", True)
        arn = self._create_config("infrastructure-configuration", params, INFRA_FIELDS)
        return {"infrastructureConfigurationArn": arn}

    def update_infrastructure_configuration(self, params):
        params.setdefault("terminateInstanceOnFailure", True)
        arn = params["infrastructureConfigurationArn"]
        self._replace_config("infrastructure-configuration", arn, params, INFRA_FIELDS)
        return {"infrastructureConfigurationArn": arn}

    def get_infrastructure_configuration(self, params):
        arn = params["infrastructureConfigurationArn"]
        return {"infrastructureConfiguration": self.get_exact("infrastructure-configuration", arn)}

    def list_infrastructure_configurations(self, params):
        records = self.filtered(list(self.records("infrastructure-configuration").values()), params.get("filters"),
                                NAME_FILTER)
        return self.page(sorted(records, key=lambda r: r["arn"]), params, "infrastructureConfigurationSummaryList")

    def delete_infrastructure_configuration(self, params):
        self.delete_checked("infrastructure-configuration", params["infrastructureConfigurationArn"])
        return {"infrastructureConfigurationArn": params["infrastructureConfigurationArn"]}

    def _check_distributions(self, params):
        regions = [d["region"] for d in params["distributions"]]
        if len(set(regions)) != len(regions):
            raise errors.ImageBuilderError("InvalidParameterCombinationException",
                                           "Each region can appear in only one distribution.")

    def create_distribution_configuration(self, params):
        self._check_distributions(params)
        arn = self._create_config("distribution-configuration", params, DIST_FIELDS)
        # timeoutMinutes is required in DistributionConfiguration (30 to 720; API reference) but Create takes
        # none: the emulator answers the longest, 720.
        self.records("distribution-configuration")[arn]["timeoutMinutes"] = DISTRIBUTION_TIMEOUT_MINUTES
        return {"distributionConfigurationArn": arn}

    def update_distribution_configuration(self, params):
        self._check_distributions(params)
        arn = params["distributionConfigurationArn"]
        self._replace_config("distribution-configuration", arn, params, DIST_FIELDS)
        return {"distributionConfigurationArn": arn}

    def get_distribution_configuration(self, params):
        arn = params["distributionConfigurationArn"]
        return {"distributionConfiguration": self.get_exact("distribution-configuration", arn)}

    def list_distribution_configurations(self, params):
        records = self.filtered(list(self.records("distribution-configuration").values()), params.get("filters"),
                                NAME_FILTER)
        summaries = [dict(r, regions=[d["region"] for d in r["distributions"]]) for r in records]
        return self.page(sorted(summaries, key=lambda r: r["arn"]), params, "distributionConfigurationSummaryList")

    def delete_distribution_configuration(self, params):
        self.delete_checked("distribution-configuration", params["distributionConfigurationArn"])
        return {"distributionConfigurationArn": params["distributionConfigurationArn"]}
