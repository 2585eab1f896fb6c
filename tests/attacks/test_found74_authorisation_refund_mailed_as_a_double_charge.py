"""The card link's ₹1 authorisation, refunded as designed, is mailed to the
reader as a double charge.

What happens: a reader with nothing owed saves a new card from the card
link by paying Razorpay's ₹1, which Masthead refunds at once. The ₹1 is
recorded as buying nothing through the extra-charge machinery (duplicate),
so the refund listeners mail the extra-charge refund: "Masthead has
refunded an extra charge of ₹1 ... Your card was charged twice for the same
term of your subscription". It was not: the reader paid one ₹1 to register
a card, on a page that told them it would be refunded. Every reader who
changes card mid-term is told they were double-charged, and writes to
support about a charge that never happened.

Expected: the refund mail (if one is sent) says the ₹1 that authorised the
new card was refunded, and nothing about a double charge.
"""

import pytest

from masthead.subscriptions.tests.test_card_link_razorpay import (  # noqa: F401 - the Razorpay site, reader and helpers
    _answer,
    _answers,
    _link,
    _refund_answers,
    browser,
    mailbox,
    reader,
    subscription,
)


@pytest.mark.django_db
def test_the_authorisation_refund_is_not_mailed_as_a_double_charge(
    browser, subscription, razorpay_answers, mailbox, django_capture_on_commit_callbacks  # noqa: F811
):
    razorpay_answers(_answers(amount=100, extra=_refund_answers()))
    browser.get(_link(subscription))
    with django_capture_on_commit_callbacks(execute=True):
        assert "The ₹1 that authorised it is refunded to you" in _answer(browser).text
    mails = mailbox.for_address(subscription.user.email)
    refunds = [mail for mail in mails if "refund" in mail["Subject"].lower()]
    assert refunds, [mail["Subject"] for mail in mails]
    for mail in refunds:
        assert "charged twice" not in mail.get_body(preferencelist=("plain",)).get_content()
        assert "extra charge" not in mail["Subject"]
