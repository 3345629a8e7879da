"""ScheduleKeyDeletion and CancelKeyDeletion accept a key ARN, as in AWS; moto looks the raw
argument up and fails with a KeyError (a 500) on anything but the bare key id."""

from moto.kms.models import KmsBackend


def apply():
    for name in ("schedule_key_deletion", "cancel_key_deletion"):
        original = getattr(KmsBackend, name)

        def by_any_id(self, key_id, *args, _original=original, **kwargs):
            return _original(self, self.any_id_to_key_id(key_id), *args, **kwargs)

        setattr(KmsBackend, name, by_any_id)
