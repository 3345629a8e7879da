"""Make the calling account the management account of a new organization with one OU, and move
it into that OU. Emulator only: on real AWS, pass shared_organization_arn and shared_ou_arn.
Prints {"organization_arn": ..., "ou_arn": ...}."""

import json

import boto3

org = boto3.client("organizations")
organization = org.create_organization(FeatureSet="ALL")["Organization"]
account = organization["MasterAccountId"]
root = org.list_roots()["Roots"][0]["Id"]
ou = org.create_organizational_unit(ParentId=root, Name="ifit-ami-share")["OrganizationalUnit"]
org.move_account(AccountId=account, SourceParentId=root, DestinationParentId=ou["Id"])
print(json.dumps({"organization_arn": organization["Arn"], "ou_arn": ou["Arn"]}))
