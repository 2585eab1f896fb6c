// The e-paper reader: turn pages without reloading (buttons, thumbnails,
// arrow keys, swipes) and zoom. Without this script every control is a
// plain link to ?page=N, so the reader works the same, one load per page.
// Pages a reader may not see carry no image address here: following their
// link loads the subscribe prompt from the server.
(function () {
  "use strict";
  const root = document.querySelector("[data-epaper]");
  if (!root) return;
  const image = root.querySelector("[data-epaper-image]");
  const viewport = root.querySelector("[data-epaper-viewport]");
  const number = root.querySelector("[data-epaper-number]");
  const previous = root.querySelector("[data-epaper-previous]");
  const next = root.querySelector("[data-epaper-next]");
  const thumbs = Array.from(root.querySelectorAll("[data-epaper-thumb]"));
  const total = parseInt(root.dataset.total, 10);
  const zoomSteps = [1, 1.5, 2, 3];
  let zoom = 0;
  let current = parseInt(number.textContent, 10);

  function thumbFor(n) {
    return thumbs[n - 1];
  }

  function show(n, push) {
    const thumb = thumbFor(n);
    if (!image || !thumb || !thumb.dataset.src) {
      // Not ours to show in place (or no page on screen): let the server answer.
      window.location.search = "?page=" + n;
      return;
    }
    current = n;
    image.src = thumb.dataset.src;
    image.width = parseInt(thumb.dataset.width, 10);
    image.height = parseInt(thumb.dataset.height, 10);
    image.alt = "Page " + n + " of " + total + " of the edition of " + root.dataset.date;
    number.textContent = String(n);
    setLink(previous, n > 1 ? n - 1 : null);
    setLink(next, n < total ? n + 1 : null);
    thumbs.forEach(function (link, index) {
      if (index + 1 === n) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
    root.querySelectorAll("[data-epaper-per-page]").forEach(function (element) {
      const attribute = element.tagName === "FORM" ? "action" : "href";
      element.setAttribute(attribute, element.getAttribute(attribute).replace(/\/pages\/\d+\//, "/pages/" + n + "/"));
    });
    setZoom(0);
    if (viewport) viewport.scrollTo(0, 0);
    if (push) history.pushState({ page: n }, "", "?page=" + n);
    document.title = document.title.replace(/page \d+/, "page " + n);
    preload(n + 1);
  }

  function setLink(link, n) {
    if (!link) return;
    link.hidden = n === null;
    if (n === null) link.setAttribute("aria-disabled", "true");
    else link.removeAttribute("aria-disabled");
    link.setAttribute("href", n === null ? "#" : "?page=" + n);
    link.dataset.page = n === null ? "" : String(n);
  }

  function preload(n) {
    const thumb = thumbFor(n);
    if (thumb && thumb.dataset.src) new Image().src = thumb.dataset.src;
  }

  function turn(step) {
    const n = current + step;
    if (n >= 1 && n <= total) show(n, true);
  }

  function setZoom(step) {
    zoom = Math.max(0, Math.min(zoomSteps.length - 1, step));
    if (!image) return;
    root.classList.toggle("epaper--zoomed", zoom > 0);
    image.style.width = zoom > 0 ? zoomSteps[zoom] * 100 + "%" : "";
  }

  [previous, next].forEach(function (link, index) {
    if (!link) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      turn(index === 0 ? -1 : 1);
    });
  });
  thumbs.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      show(index + 1, true);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "ArrowRight") { event.preventDefault(); turn(1); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); turn(-1); }
    else if (event.key === "+" || event.key === "=") setZoom(zoom + 1);
    else if (event.key === "-") setZoom(zoom - 1);
  });
  window.addEventListener("popstate", function () {
    const n = parseInt(new URLSearchParams(window.location.search).get("page") || "1", 10);
    if (n !== current) show(n, false);
  });

  const zoomBar = root.querySelector("[data-epaper-zoom]");
  const help = root.querySelector("[data-epaper-help]");
  if (help) help.hidden = false;
  if (image && viewport) {
    zoomBar.hidden = false;
    root.querySelector("[data-epaper-zoom-in]").addEventListener("click", function () { setZoom(zoom + 1); });
    root.querySelector("[data-epaper-zoom-out]").addEventListener("click", function () { setZoom(zoom - 1); });

    // Swipe: a mostly horizontal stroke of 50px or more turns the page when
    // not zoomed; a press that hardly moves is a click, which zooms.
    let start = null;
    viewport.addEventListener("pointerdown", function (event) {
      start = { x: event.clientX, y: event.clientY };
    });
    viewport.addEventListener("pointerup", function (event) {
      if (!start) return;
      const dx = event.clientX - start.x;
      const dy = event.clientY - start.y;
      start = null;
      if (Math.abs(dx) < 8 && Math.abs(dy) < 8) {
        setZoom(zoom > 0 ? 0 : 2);
      } else if (zoom === 0 && Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) {
        turn(dx < 0 ? 1 : -1);
      }
    });
    viewport.addEventListener("pointercancel", function () { start = null; });
    preload(current + 1);
  }
})();
