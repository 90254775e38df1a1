/** The infolettres' addresses in the client (French, as people read and share them). */

const slugPart = (slug: string) => encodeURIComponent(slug);

/** The space page, on its « Infolettres » tab. */
export const archivePath = (slug: string) => `/espaces/${slugPart(slug)}?onglet=infolettres`;
export const issuePath = (slug: string, id: string) =>
  `/espaces/${slugPart(slug)}/infolettres/${encodeURIComponent(id)}`;
export const composePath = (slug: string) => `/espaces/${slugPart(slug)}/infolettres/nouvelle`;
export const editPath = (slug: string, id: string) => `${issuePath(slug, id)}/modifier`;
