"""Turn block public access for AMIs on or off in the calling account and region (emulator only:
on real AWS it is an account-wide setting that takes minutes to change)."""

import sys

import boto3

ec2 = boto3.client("ec2")
if sys.argv[1] == "on":
    ec2.enable_image_block_public_access(ImageBlockPublicAccessState="block-new-sharing")
else:
    ec2.disable_image_block_public_access()
