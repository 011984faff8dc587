/* bbh-content-private.h — the `content` of an event message: a JavaScript-ish object string
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean     bbh_content_parse   (const char   *text,
                                  gssize        length,
                                  GHashTable  **out_table);
const char  *bbh_content_lookup  (GHashTable   *table,
                                  const char   *key);

G_END_DECLS
