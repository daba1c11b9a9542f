// Progressive enhancement of an export's page: while it is being written, ask the API where it has got to every two
// seconds and move the progress bar and its words on; once it is done or failed, load the page again, which then has
// the download link or the reason. Without JavaScript the page's Refresh link does the same.
const panel = document.querySelector('[data-export-progress]');
if (panel) {
  const bar = panel.querySelector('progress');
  const words = panel.querySelector('[data-field="progress"]');
  const number = new Intl.NumberFormat('en-GB');
  const poll = async () => {
    try {
      const response = await fetch(panel.dataset.statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const job = await response.json();
      if (job.state === 'done' || job.state === 'failed') {
        window.location.reload();
        return;
      }
      if (job.rowsTotal !== null) {
        bar.max = Math.max(job.rowsTotal, 1);
        bar.value = job.rowsDone;
        words.textContent = `${number.format(job.rowsDone)} of ${number.format(job.rowsTotal)} submission${job.rowsTotal === 1 ? '' : 's'}`;
      }
    } catch {
      // A dropped connection: the next poll tries again, and the Refresh link still works.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}
