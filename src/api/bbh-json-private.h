/* bbh-json-private.h — lenient readers for the server's JSON (PROTOCOL.md "Responses")
 *
 * Every field read in src/api goes through these, so the tolerance lives in one place:
 * numbers as strings and strings as numbers, 64-bit ids that never pass through a double,
 * null or missing lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean     bbh_json_read_int64     (JsonObject  *object,
                                      const char  *member,
                                      gint64      *out_value);
gint64       bbh_json_get_int64      (JsonObject  *object,
                                      const char  *member,
                                      gint64       fallback);
int          bbh_json_get_int        (JsonObject  *object,
                                      const char  *member,
                                      int          fallback);
double       bbh_json_get_double     (JsonObject  *object,
                                      const char  *member,
                                      double       fallback);
gboolean     bbh_json_get_boolean    (JsonObject  *object,
                                      const char  *member,
                                      gboolean     fallback);
char        *bbh_json_dup_string     (JsonObject  *object,
                                      const char  *member);
char        *bbh_json_dup_string_any (JsonObject  *object,
                                      const char  *first_member,
                                      ...) G_GNUC_NULL_TERMINATED;
gint64       bbh_json_get_int64_any  (JsonObject  *object,
                                      gint64       fallback,
                                      const char  *first_member,
                                      ...) G_GNUC_NULL_TERMINATED;
JsonArray   *bbh_json_get_array      (JsonObject  *object,
                                      const char  *member);
JsonObject  *bbh_json_get_object     (JsonObject  *object,
                                      const char  *member);
guint64      bbh_json_get_total      (JsonObject  *root,
                                      guint        fallback);
gboolean     bbh_json_node_to_int64  (JsonNode    *node,
                                      gint64      *out_value);
char        *bbh_json_node_dup_text  (JsonNode    *node);
gboolean     bbh_parse_int64         (const char  *text,
                                      gint64      *out_value);
GDateTime   *bbh_date_time_new_from_unix_local (gint64 seconds);

G_END_DECLS
