from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from accounts.models import Couple, Membership, User

PASSWORD = "correct horse battery staple 42"


class UserFactory(factory.django.DjangoModelFactory):
    """A person who signed up and verified their email address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    display_name = factory.Faker("first_name")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )


def make_couple(a: User, b: User | None = None, **settings: object) -> Couple:
    """A couple with ``a`` in seat 1 and, when given, ``b`` in seat 2."""
    couple = Couple.objects.create(**settings)
    Membership.objects.create(couple=couple, user=a, seat=1)
    if b is not None:
        Membership.objects.create(couple=couple, user=b, seat=2)
    return couple
