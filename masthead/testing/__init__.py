"""What every app's tests share, one module per domain: factories
(``newsroom``, ``subscriptions``, ``accounts``, ``metering``), the parts the
tests run for real (``localstripe``, ``mail``), Stripe and Razorpay helpers
(``stripe``, ``razorpay``) and the pytest plugin that holds the fixtures
(``plugin``). Nothing outside the tests imports it."""
