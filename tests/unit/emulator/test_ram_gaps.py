"""The RAM gap patches, in-process."""

import boto3

COMPONENT = "arn:aws:imagebuilder:us-east-1:123456789012:component/x/1.0.0/1"


def sources_of(ram, share):
    found = ram.list_source_associations(resourceShareArns=[share])["sourceAssociations"]
    return sorted(a["sourceId"] for a in found)


def test_sources_are_set_at_creation_then_added_and_removed(aws):
    ram = boto3.client("ram", region_name="us-east-1")
    share = ram.create_resource_share(name="s", resourceArns=[COMPONENT], sources=["222222222222"])["resourceShare"]["resourceShareArn"]
    other = ram.create_resource_share(name="t", resourceArns=[COMPONENT])["resourceShare"]["resourceShareArn"]
    assert sources_of(ram, share) == ["222222222222"]
    assert sources_of(ram, other) == []

    ram.associate_resource_share(resourceShareArn=share, sources=["o-abc1234567", "222222222222"])
    assert sources_of(ram, share) == ["222222222222", "o-abc1234567"]

    ram.disassociate_resource_share(resourceShareArn=share, sources=["222222222222"])
    assert sources_of(ram, share) == ["o-abc1234567"]
    assert ram.list_source_associations(sourceId="222222222222")["sourceAssociations"] == []
