// Progressive enhancement for upload forms (data-dropzone): drag and drop onto the form, and a
// progress bar while the file is sent. Without JavaScript the plain form works the same way.
(() => {
  for (const form of document.querySelectorAll('form[data-dropzone]')) {
    const input = form.querySelector('input[type=file]');
    const bar = form.querySelector('progress');
    form.classList.add('vb-dropzone--active');
    for (const type of ['dragenter', 'dragover']) {
      form.addEventListener(type, (event) => {
        event.preventDefault();
        form.classList.add('vb-dropzone--over');
      });
    }
    form.addEventListener('dragleave', () => form.classList.remove('vb-dropzone--over'));
    form.addEventListener('drop', (event) => {
      event.preventDefault();
      form.classList.remove('vb-dropzone--over');
      if (event.dataTransfer?.files?.length) {
        input.files = event.dataTransfer.files;
        input.dispatchEvent(new Event('change'));
      }
    });
    form.addEventListener('submit', (event) => {
      if (!input.files?.length || !window.XMLHttpRequest) return;
      event.preventDefault();
      const request = new XMLHttpRequest();
      request.open('POST', form.action);
      if (bar) {
        bar.hidden = false;
        request.upload.addEventListener('progress', (e) => {
          if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
        });
      }
      // The server answers with a redirect to the page with its message; follow it.
      request.addEventListener('load', () => {
        window.location.href = request.responseURL || window.location.href;
      });
      request.addEventListener('error', () => form.submit());
      request.send(new FormData(form));
    });
  }
})();
