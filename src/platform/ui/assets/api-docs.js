// Swagger UI for /api/v1/openapi.json (served locally; no CDN).
window.addEventListener('load', () => {
  window.SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
