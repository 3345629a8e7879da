"""Print, as JSON, the names of the RAM shares that other accounts share with the caller."""
import json
import os

import boto3

ram = boto3.client("ram", region_name=os.environ["AWS_REGION"], endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)
shares = ram.get_resource_shares(resourceOwner="OTHER-ACCOUNTS")["resourceShares"]
print(json.dumps(sorted(s["name"] for s in shares)))
