// Package browser holds the tests that load tiercalc's HTML report in a real
// browser (headless Chromium, driven by chromedp): no console error, no
// network request, the charts and tables counted against the evaluation,
// and screenshots at a desktop's and a phone's width. It is a package of
// its own so that its Chromium start runs beside the other packages' tests.
package browser
