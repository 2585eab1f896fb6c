// Razorpay Checkout takes the first payment and sets up the mandate; its
// answer (ids and signature) is posted to Masthead, which verifies it.
(function () {
  "use strict";
  const form = document.getElementById("razorpay-form");
  if (!form || typeof Razorpay === "undefined") return;
  const data = form.dataset;
  form.addEventListener("submit", function (event) {
    if (form.elements.razorpay_signature.value) return;  // the answer is in: post it
    event.preventDefault();
    const checkout = new Razorpay({
      key: data.key,
      order_id: data.orderId,
      customer_id: data.customerId,
      recurring: "1",
      amount: data.amount,
      currency: data.currency,
      name: data.name,
      description: data.description,
      // The order takes only the way to pay the reader chose (card or upi).
      prefill: data.method ? { email: data.email, method: data.method } : { email: data.email },
      handler: function (answer) {
        form.elements.razorpay_payment_id.value = answer.razorpay_payment_id;
        form.elements.razorpay_signature.value = answer.razorpay_signature;
        form.submit();
      },
    });
    checkout.on("payment.failed", function (answer) {
      document.getElementById("card-errors").textContent = answer.error.description;
    });
    checkout.open();
  });
})();
