/* bbh-client-records-private.h — what the record methods' files share
 *
 * bbh-client-records.c defines these; bbh-client-callbacks.c and bbh-client-voice.c use
 * them. Not installed, not part of the public header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bbh-records-private.h"

G_BEGIN_DECLS

/* A BbhList of @item_type from `rows`, `data` or `list`, with the answer's total. */
gpointer  bbh_records_parse_list       (JsonObject    *root,
                                        GType          item_type,
                                        gpointer     (*parse_item) (JsonObject *object));
/* The id a creating method returns (a g_malloc'ed gint64), or a protocol error. */
gpointer  bbh_records_parse_created_id (JsonObject    *root,
                                        GError       **error);
gint64    bbh_records_finish_id        (BbhClient     *self,
                                        GAsyncResult  *result,
                                        gpointer       source_tag,
                                        GError       **error);
/* For methods whose answer carries nothing but success. */
gboolean  bbh_records_finish_ok        (BbhClient     *self,
                                        GAsyncResult  *result,
                                        gpointer       source_tag,
                                        GError       **error);
/* TRUE if @value is set; otherwise BBH_ERROR_INVALID with @message. */
gboolean  bbh_records_check_not_empty  (const char    *value,
                                        const char    *message,
                                        GError       **error);

G_END_DECLS
