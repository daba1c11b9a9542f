// Keeps the assessment page's capacity table in step with the days typed, before the form is sent. The server works
// out the same figures (Capacity.Lines) when the form is sent, so without this script nothing is lost.
const table = document.querySelector('[data-live-capacity]');
const form = table?.closest('form');

// As Capacity.TryParseDays reads a field: blank is 0, commas are ignored; anything else not a whole number counts as 0.
const days = (text) => {
  const trimmed = text.trim().replaceAll(',', '');
  return /^\d+$/.test(trimmed) ? Number(trimmed) : 0;
};

const update = () => {
  for (const row of table.querySelectorAll('tr[data-inspectorate]')) {
    const field = form.querySelector(`#days-${CSS.escape(row.dataset.inspectorate)}`);
    if (!field) continue;
    const requested = days(field.value);
    const left = Number(row.dataset.available) - Number(row.dataset.committed) - Number(row.dataset.provisional) - requested;
    row.querySelector('[data-requested]').textContent = String(requested);
    row.querySelector('[data-left]').textContent = left < 0 ? `${left} (over capacity)` : String(left);
  }
};

if (table && form) {
  form.addEventListener('input', (event) => {
    if (event.target.matches('input[id^="days-"]')) update();
  });
  // The figures now follow the typing, so the no-JavaScript way to see them is not needed.
  form.querySelector('[data-check-capacity]')?.remove();
}
