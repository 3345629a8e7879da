"""What a finished build leaves behind: real AMIs (with snapshots) in moto's EC2 of every region and
target account of the distribution configuration, container URIs, installed packages and
synthetic scan findings."""

import re
from datetime import datetime, timezone

import yaml

INSTALL_RE = re.compile(r"\b(?:yum|dnf|apt-get|apt|zypper)\s+(?:-y\s+)?install\s+(?:-y\s+)?(?P<names>[a-zA-Z0-9._+\- ]+)")
BASE_PACKAGES = {"Linux": [("bash", "5.2.15"), ("openssl", "3.0.8"), ("kernel", "6.1.0"), ("systemd", "252.23")],
                 "Windows": [("PowerShell", "5.1.20348"), ("dotnet-runtime", "4.8.1")]}
# (vulnerability, package, severity, score, fixAvailable, fixed in): the base packages' findings, plus
# CVE-2024-3094 (CRITICAL, fixed in xz 5.6.2) when a component installs xz. Values follow Inspector's
# finding format (aws-cli awscli/examples/imagebuilder/list-image-scan-findings.rst).
FINDINGS = (
    ("CVE-2024-0727", "openssl", "MEDIUM", 5.5, "YES", "3.0.13"),
    ("CVE-2024-2961", "glibc", "HIGH", 7.3, "YES", "2.36-9+deb12u7"),
    ("CVE-2022-3715", "bash", "LOW", 3.3, "NO", None),
)
PACKAGE_FINDINGS = {"xz": ("CVE-2024-3094", "xz", "CRITICAL", 10.0, "YES", "5.6.2")}


def render_name(template, record, when=None):
    """AMI names: `{{ imagebuilder:buildDate }}`, `{{ imagebuilder:buildVersion }}` as AWS renders them."""
    when = when or datetime.now(timezone.utc)
    build = record["arn"].rsplit("/", 1)[1]
    values = {"buildDate": when.strftime("%Y-%m-%dT%H-%M-%S.") + f"{when.microsecond // 1000:03d}Z",
              "buildVersion": build}
    return re.sub(r"\{\{\s*imagebuilder:(\w+)\s*\}\}", lambda m: values.get(m.group(1), m.group(0)), template)


def distribute_amis(record, source_region, source_account, distributions, extra_tags=None):
    """Register one AMI per (region, account); returns outputResources.amis."""
    from moto.ec2.models import ec2_backends

    amis, when = [], datetime.now(timezone.utc)
    if not distributions:
        distributions = [{"region": source_region, "amiDistributionConfiguration": {}}]
    for distribution in distributions:
        config = distribution.get("amiDistributionConfiguration") or {}
        name = render_name(config.get("name") or f"{record['name']} {{{{ imagebuilder:buildDate }}}}", record, when)
        accounts = [source_account] + [a for a in config.get("targetAccountIds") or [] if a != source_account]
        for account in accounts:
            backend = ec2_backends[account][distribution["region"]]
            ami = backend.register_image(name, config.get("description") or record.get("description") or "")
            tags = dict(config.get("amiTags") or {}, **(extra_tags or {}))
            tags.update({"CreatedBy": "EC2 Image Builder", "Ec2ImageBuilderArn": record["arn"]})
            backend.create_tags([ami.id, ami.ebs_snapshot.id], tags)
            ami.launch_permissions.extend(_launch_permissions(config.get("launchPermission") or {}))
            # Ami.description has a 1-character minimum in botocore's model: an AMI without one has no key
            amis.append({"region": distribution["region"], "image": ami.id, "name": name,
                         "state": {"status": "AVAILABLE"}, "accountId": account,
                         **({"description": ami.description} if ami.description else {})})
    return amis


def _launch_permissions(permission):
    entries = [{"UserId": u} for u in permission.get("userIds") or []]
    entries += [{"Group": g} for g in permission.get("userGroups") or []]
    entries += [{"OrganizationArn": o} for o in permission.get("organizationArns") or []]
    entries += [{"OrganizationalUnitArn": o} for o in permission.get("organizationalUnitArns") or []]
    return entries


def container_outputs(record, recipe, distributions, region, account):
    repository = (recipe.get("targetRepository") or {}).get("repositoryName") or record["name"]
    build = record["arn"].rsplit("/", 1)[1]
    regions = [d["region"] for d in distributions or []] or [region]
    return [{"region": r, "imageUris": [f"{account}.dkr.ecr.{r}.amazonaws.com/{repository}:{record['_semver']}-{build}"]}
            for r in regions]


def packages(platform, documents):
    """Base packages of the platform plus whatever the components install."""
    found = dict(BASE_PACKAGES.get(platform, BASE_PACKAGES["Linux"]))
    for text in documents:
        try:
            document = yaml.safe_load(text) or {}
        except yaml.YAMLError:
            continue
        for phase in document.get("phases") or [] if isinstance(document, dict) else []:
            for step in phase.get("steps") or []:
                commands = (step.get("inputs") or {}).get("commands") or []
                for command in commands if isinstance(commands, list) else [commands]:
                    for match in INSTALL_RE.finditer(str(command)):
                        for name in match.group("names").split():
                            if not name.startswith("-"):
                                found.setdefault(name, "1.0.0")
    return [{"packageName": name, "packageVersion": version} for name, version in sorted(found.items())]


def findings(record, account):
    when = record.get("dateCreated")
    installed = {p["packageName"]: p["packageVersion"] for p in packages(
        record.get("platform"), [text for _arn, text in record.get("_documents") or []])}
    chosen = list(FINDINGS) + [PACKAGE_FINDINGS[name] for name in sorted(installed) if name in PACKAGE_FINDINGS]
    return [{
        "awsAccountId": account, "imageBuildVersionArn": record["arn"],
        "imagePipelineArn": record.get("sourcePipelineArn") or "", "type": "PACKAGE_VULNERABILITY",
        "title": f"{vulnerability} - {package}", "description": f"A vulnerability in {package}.",
        "severity": severity, "inspectorScore": score, "firstObservedAt": when, "updatedAt": when,
        "fixAvailable": fix,
        "remediation": {"recommendation": {"text": f"Update {package}." if fixed else "None provided."}},
        "packageVulnerabilityDetails": {
            "vulnerabilityId": vulnerability, "source": "NVD",
            "vulnerablePackages": [dict({"name": package, "version": installed.get(package, "1.0.0"),
                                         "packageManager": "OS"}, **({"fixedInVersion": fixed} if fixed else {}))]},
    } for vulnerability, package, severity, score, fix, fixed in chosen]
