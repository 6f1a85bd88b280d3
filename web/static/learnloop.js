// Learnloop's only script of its own. With hx-boost, htmx drops 4xx/5xx pages (its
// responseHandling); a boosted link or form should show the error page as a browser would.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.requestConfig.boosted && event.detail.xhr.status >= 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// A part of a page sent with htmx and refused outright (the database out of reach, a form
// too large, an expired form, a forbidden action): the server's answer is not swapped in,
// so the page and whatever was typed stay; say why nothing happened, next to the form that
// was sent. (422 and 409 carry the form with its messages and are swapped; a boosted
// request shows the error page as a browser would, except for an outage.)
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (status < 400 || status === 401 || status === 409 || status === 422) return;
  if (event.detail.requestConfig.boosted && status !== 503) return;
  event.detail.shouldSwap = false;
  event.detail.isError = true; // a boosted request was marked otherwise above
  const page = new DOMParser().parseFromString(event.detail.xhr.responseText, "text/html");
  const message = page.getElementById("unavailable-message") || page.getElementById("error-message");
  const alert = document.getElementById("unavailable") || document.createElement("div");
  alert.id = "unavailable";
  alert.className = "alert";
  alert.setAttribute("role", "alert");
  alert.textContent = message ? message.textContent : "That did not work. Try again in a moment.";
  const sent = event.detail.requestConfig.elt.closest("form");
  const main = document.getElementById("main");
  if (sent) sent.prepend(alert);
  else if (main) main.prepend(alert);
});
document.addEventListener("htmx:afterRequest", (event) => {
  if (event.detail.successful) document.getElementById("unavailable")?.remove();
});

// After a swap, keep a keyboard or screen-reader user where things happened. A form sent
// (or a button swapped away under the focus) moves focus to the updated region's heading
// or, refused, to its error summary or first message; a swap that left focus alone (an
// active search, a part loaded as it scrolls into view) leaves it. The words said after
// come from the server: the HX-Trigger-After-Settle header web/posting.py sets.
const FIELDS = "input:not([type=hidden]), select, textarea";
let focusedBeforeSwap = null;
const settled = new WeakSet(); // one answer settles several elements (out-of-band parts)

document.addEventListener("htmx:beforeSwap", () => {
  focusedBeforeSwap = document.activeElement;
});

document.addEventListener("htmx:afterSettle", (event) => {
  const { xhr, requestConfig, target, boosted } = event.detail;
  if (!xhr || settled.has(xhr)) return;
  settled.add(xhr);
  const refused = xhr.status >= 400;
  if (boosted) {
    // A new page, as the browser would show it: focus starts at the top (so the first Tab
    // reaches the skip link), except that a refused form shows its errors first. A page
    // load is not announced when htmx swaps the body: its title is said instead.
    if (refused) focusFirst(document.getElementById("main"), refusalSelectors());
    announceFromPage(document.title);
    return;
  }
  const sent = requestConfig && requestConfig.verb !== "get";
  const lost = !focusedBeforeSwap || !focusedBeforeSwap.isConnected;
  if (!sent && !lost) return;
  const region = target.isConnected ? target : document.getElementById(target.id) || event.target;
  if (refused) {
    focusFirst(region, refusalSelectors());
  } else if (requestConfig.elt && requestConfig.elt.name === "more") {
    // "Add another": to the new row's first field, ready to type.
    const rows = region.querySelectorAll(":scope > [id]");
    const row = rows[rows.length - 1];
    if (row) focusOn(row.querySelector(FIELDS) || row);
  } else {
    focusOn(headingOf(region));
  }
});

function refusalSelectors() {
  return ["#error-summary", ".errors", ".alert[role=alert]", "[aria-invalid=true]"];
}

// The first of `selectors` found in `region` (the error summary before any message).
function focusFirst(region, selectors) {
  if (!region) return;
  for (const selector of selectors) {
    const found = region.querySelector(selector) || (selector.startsWith("#") && document.querySelector(selector));
    if (found) return focusOn(found);
  }
}

// The heading that names a region (aria-labelledby), else its first heading, else itself.
function headingOf(region) {
  const named = region.getAttribute("aria-labelledby");
  return (named && document.getElementById(named.split(" ")[0])) || region.querySelector("h1, h2, h3, h4") || region;
}

function focusOn(element) {
  // Headings and messages are not in the tab order: -1 lets a script focus them all the same.
  if (!element.matches("a[href], button, " + FIELDS) && !element.hasAttribute("tabindex")) {
    element.setAttribute("tabindex", "-1");
  }
  element.focus();
}

// Say `words` in the polite live region. Emptied first, so the same words said twice in a
// row (a second observation) are announced again.
function announce(words) {
  const announcer = document.getElementById("announcer");
  if (!announcer || !words) return;
  announcer.textContent = "";
  setTimeout(() => { announcer.textContent = words; }, 100);
}

// After a post that led to a new page, the server flashed its words into the announcer;
// `title` (a page htmx put in place of another) is said after them.
function announceFromPage(title) {
  const announcer = document.getElementById("announcer");
  if (!announcer) return;
  const words = [announcer.dataset.announce, title].filter(Boolean).join(". ");
  delete announcer.dataset.announce; // said once: not again when history restores the page
  announce(words);
}

document.addEventListener("learnloop:announce", (event) => announce(event.detail.value));
// Back or forward to a page htmx kept (or fetched again): say which page it is.
document.addEventListener("htmx:historyRestore", () => announceFromPage(document.title));
// Not kept in htmx's history snapshot, so going back does not say it again.
document.addEventListener("htmx:beforeHistorySave", () => {
  const announcer = document.getElementById("announcer");
  if (announcer) announcer.textContent = "";
});
announceFromPage(); // a page the browser loaded itself: the browser says its title
