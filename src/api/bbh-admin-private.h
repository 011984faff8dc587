/* bbh-admin-private.h — what the administration objects of src/api share
 *
 * The administration answers are the least consistent of the document: rows come under
 * different members, as arrays or as objects of objects, and carry many small fields. The
 * result objects describe their fields in a table (BbhAdminField) so that parsing, the
 * read-only properties and freeing are written once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-client-private.h"

G_BEGIN_DECLS

typedef enum
{
  BBH_ADMIN_FIELD_STRING,
  BBH_ADMIN_FIELD_INT,
  BBH_ADMIN_FIELD_INT64,
} BbhAdminFieldKind;

/* One member of a server row: @member (or @alt) on the wire, @property on the GObject,
 * stored at @offset in the instance struct as a char *, int or gint64. */
typedef struct
{
  const char        *property;
  const char        *member;
  const char        *alt;
  BbhAdminFieldKind  kind;
  gsize              offset;
  gint64             fallback;   /* numbers: when the member is missing or unreadable */
} BbhAdminField;

#define BBH_ADMIN_STRING(prop, member, alt, type, field) \
  { prop, member, alt, BBH_ADMIN_FIELD_STRING, G_STRUCT_OFFSET (type, field), 0 }
#define BBH_ADMIN_INT(prop, member, alt, type, field, fallback) \
  { prop, member, alt, BBH_ADMIN_FIELD_INT, G_STRUCT_OFFSET (type, field), fallback }
#define BBH_ADMIN_INT64(prop, member, alt, type, field, fallback) \
  { prop, member, alt, BBH_ADMIN_FIELD_INT64, G_STRUCT_OFFSET (type, field), fallback }

/* Property ids are the table index + 1. */
void         bbh_admin_fields_install      (GObjectClass         *klass,
                                            const BbhAdminField  *fields,
                                            guint                 n_fields);
void         bbh_admin_fields_parse        (gpointer              instance,
                                            const BbhAdminField  *fields,
                                            guint                 n_fields,
                                            JsonObject           *object);
gboolean     bbh_admin_fields_get_property (gpointer              instance,
                                            const BbhAdminField  *fields,
                                            guint                 n_fields,
                                            guint                 prop_id,
                                            GValue               *value);
void         bbh_admin_fields_free         (gpointer              instance,
                                            const BbhAdminField  *fields,
                                            guint                 n_fields);

typedef gpointer (*BbhAdminRowFunc) (JsonObject *row);

/* Appends the rows found under the first of the NULL-terminated @first_member… that is
 * present and not null. A member may hold an array of objects, an object of objects (a map
 * keyed by id) or a single row object. Returns the member used, or NULL when none was. */
const char  *bbh_admin_list_append_rows    (BbhList              *list,
                                            JsonObject           *root,
                                            BbhAdminRowFunc       parse_row,
                                            const char           *first_member,
                                            ...) G_GNUC_NULL_TERMINATED;

/* The same for one node: an array of rows, a map of rows or one row; anything else adds
 * nothing. */
void         bbh_admin_list_append_node    (BbhList              *list,
                                            JsonNode             *node,
                                            BbhAdminRowFunc       parse_row);

/* Every member of @object as text, in order: scalars as their text, arrays and objects as
 * compact JSON, nulls left out. */
void         bbh_admin_collect_members     (JsonObject           *object,
                                            GStrv                *out_names,
                                            GStrv                *out_values);
const char  *bbh_admin_lookup_member       (char                **names,
                                            char                **values,
                                            const char           *name);

/* A server time: Unix seconds or milliseconds as a number or numeric text, or local wall
 * time text "YYYY-MM-DD HH:MM:SS" (also with 'T' or '/'). Returns Unix ms, 0 when unknown. */
gint64       bbh_admin_parse_time_ms       (const char           *text);
/* (transfer full) (nullable): @ms in the local time zone, NULL for 0. */
GDateTime   *bbh_admin_date_time_from_ms   (gint64                ms);
/* "YYYY-MM-DD HH:MM:SS" as the document writes times, in @time's own zone. */
char        *bbh_admin_format_time         (GDateTime            *time);

G_END_DECLS
