// Progressive enhancement for the citizen portal. Everything works without it; with it:
// the error summary gets focus (screen readers announce it), a form cannot be sent twice, and
// the municipality field suggests matches while typing.
(() => {
  const summary = document.getElementById('fehler');
  if (summary) summary.focus();

  for (const form of document.querySelectorAll('form[method=post]')) {
    form.addEventListener('submit', (event) => {
      if (form.dataset.sending) {
        event.preventDefault();
        return;
      }
      // The clicked button's name/value must still be sent; disable on the next tick.
      form.dataset.sending = 'true';
      setTimeout(() => {
        for (const button of form.querySelectorAll('button[type=submit]'))
          button.setAttribute('aria-disabled', 'true');
      });
    });
  }

  const ort = document.getElementById('ort');
  if (ort && window.fetch) {
    const list = document.createElement('datalist');
    list.id = 'ort-vorschlaege';
    ort.setAttribute('list', list.id);
    ort.after(list);
    let timer;
    ort.addEventListener('input', () => {
      clearTimeout(timer);
      const q = ort.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(async () => {
        const response = await fetch(`/api/v1/gemeinden?q=${encodeURIComponent(q)}`);
        if (!response.ok) return;
        const { items } = await response.json();
        list.replaceChildren(
          ...items.map((g) => {
            const option = document.createElement('option');
            option.value = g.name.replace(/, Stadt$/, '');
            option.label = `${g.plz.join(', ')} – ${g.zustaendig ? g.zustaendig.name : 'nicht im Verbund'}`;
            return option;
          }),
        );
      }, 200);
    });
  }
})();
