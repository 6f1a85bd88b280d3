// Learnloop's only script of its own. With hx-boost, htmx drops 4xx/5xx pages (its
// responseHandling); a boosted link or form should show the error page as a browser would.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.requestConfig.boosted && event.detail.xhr.status >= 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
