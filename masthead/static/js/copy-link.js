// The Copy button beside a link to hand on (a gift link, a shared e-paper
// page). It copies with the Clipboard API; where that is missing or refused
// (an older browser, a page not served over HTTPS), it selects the whole link
// and tries the older copy command, and if that fails too, the link is left
// selected and the reader is told how to copy it.
(function () {
  "use strict";

  function selectWhole(field) {
    field.focus();
    field.setSelectionRange(0, field.value.length);
  }

  function copyBySelecting(field) {
    selectWhole(field);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  async function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(field.value);
        return true;
      } catch (error) {
        // Refused (no permission): fall back to selecting the link.
      }
    }
    return copyBySelecting(field);
  }

  function setUp(box) {
    const field = box.querySelector("[data-copy-link-field]");
    const button = box.querySelector("[data-copy-link-button]");
    const status = box.querySelector("[data-copy-link-status]");

    // A tap or click in the field selects the whole link, ready to copy by hand.
    field.addEventListener("focus", () => selectWhole(field));
    button.addEventListener("click", async () => {
      status.textContent = "";
      const copied = await copy(field);
      status.textContent = copied
        ? "Copied"
        : "The link is selected: press Ctrl+C (or ⌘C) to copy it.";
      status.classList.toggle("copy-link__status--done", copied);
    });
    button.hidden = false;
  }

  document.querySelectorAll("[data-copy-link]").forEach(setUp);
})();
