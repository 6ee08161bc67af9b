// Starts GOV.UK Frontend's components (kept out of the page for the Content-Security-Policy).
import { initAll } from '/assets/govuk-frontend.min.js';
initAll();
