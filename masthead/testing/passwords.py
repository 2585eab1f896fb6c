"""Argon2 at its lightest, for the test suite only.

The settings' Argon2 costs about a third of a second a hash on purpose, and
the suite makes and checks well over a thousand passwords; at that cost the
hashing alone took minutes of every run. This hasher is the same algorithm
under the same name, so ``identify_hasher`` still says "argon2" and the
settings' order still decides which hasher new passwords get; only the cost
parameters are at Argon2's minimum.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher

PRODUCTION_HASHER = "django.contrib.auth.hashers.Argon2PasswordHasher"


class LightArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8  # KiB, Argon2's least for one lane
    parallelism = 1


def hashers_for_tests(hashers: list[str]) -> list[str]:
    """The settings' hashers with Argon2 swapped for its light twin in place."""
    light = f"{__name__}.{LightArgon2PasswordHasher.__name__}"
    return [light if hasher == PRODUCTION_HASHER else hasher for hasher in hashers]
