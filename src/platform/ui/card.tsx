import type { Child } from 'hono/jsx';

/** A KERN card with its heading; the section is named by it. */
export function Card({ id, title, children }: { id: string; title: string; children?: Child }) {
  return (
    <section class="kern-card" aria-labelledby={id}>
      <div class="kern-card__container">
        <h2 class="kern-heading-small" id={id}>
          {title}
        </h2>
        {children}
      </div>
    </section>
  );
}
