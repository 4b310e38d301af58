/*
 * vanthu: helpers shared by lib/dossier-*.c only.
 */
#ifndef VANTHU_DOSSIER_IMPL_H
#define VANTHU_DOSSIER_IMPL_H

/* The name of the manifest in a hand over folder. */
#define DOSSIER_MANIFEST	"manifest.sha256"

#endif
