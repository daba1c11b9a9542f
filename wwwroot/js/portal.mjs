import { initAll } from '/lib/govuk-frontend/govuk-frontend.min.js';
import { FilterToggleButton, MultiSelect } from '/lib/moj-frontend/moj-frontend.min.js';

initAll();

// MoJ Frontend leaves starting its filter's show/hide button to each page. On narrow screens the filter then waits
// behind the button and opens over the list (it hides itself there, so it need not start hidden); on wide screens
// it stays beside the list. Without JavaScript the filter simply sits above the list.
for (const filter of document.querySelectorAll('[data-module="moj-filter"]')) {
  new FilterToggleButton(filter, { startHidden: false });
}

// The queue's rows carry checkboxes for chief inspectors, who decide on several at once; MoJ's multi-select adds a
// "Select all" to their column's header (#select-all). Without JavaScript each row is ticked on its own.
for (const header of document.querySelectorAll('table #select-all')) {
  new MultiSelect(header.closest('table'));
}
