/* bbh-admin-util.c — table-driven fields, rows in any shape, server times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-admin"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "bbh-admin-private.h"

#define FIELD_PTR(instance, field) ((guint8 *) (instance) + (field)->offset)

void
bbh_admin_fields_install (GObjectClass        *klass,
                          const BbhAdminField *fields,
                          guint                n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const BbhAdminField *f = &fields[i];
      GParamSpec *pspec = NULL;
      GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

      switch (f->kind)
        {
        case BBH_ADMIN_FIELD_STRING:
          pspec = g_param_spec_string (f->property, NULL, NULL, NULL, flags);
          break;
        case BBH_ADMIN_FIELD_INT:
          pspec = g_param_spec_int (f->property, NULL, NULL, G_MININT, G_MAXINT,
                                    (int) f->fallback, flags);
          break;
        case BBH_ADMIN_FIELD_INT64:
          pspec = g_param_spec_int64 (f->property, NULL, NULL, G_MININT64, G_MAXINT64,
                                      f->fallback, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      g_object_class_install_property (klass, i + 1, pspec);
    }
}

void
bbh_admin_fields_parse (gpointer             instance,
                        const BbhAdminField *fields,
                        guint                n_fields,
                        JsonObject          *object)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const BbhAdminField *f = &fields[i];
      const char *member = f->member;
      gint64 value;

      if (f->alt != NULL && !json_object_has_member (object, f->member))
        member = f->alt;

      switch (f->kind)
        {
        case BBH_ADMIN_FIELD_STRING:
          {
            char **slot = (char **) FIELD_PTR (instance, f);

            g_free (*slot);
            *slot = bbh_json_dup_string (object, member);
          }
          break;

        case BBH_ADMIN_FIELD_INT:
          *(int *) FIELD_PTR (instance, f) = bbh_json_get_int (object, member, (int) f->fallback);
          break;

        case BBH_ADMIN_FIELD_INT64:
          if (!bbh_json_read_int64 (object, member, &value))
            value = f->fallback;
          *(gint64 *) FIELD_PTR (instance, f) = value;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

gboolean
bbh_admin_fields_get_property (gpointer             instance,
                               const BbhAdminField *fields,
                               guint                n_fields,
                               guint                prop_id,
                               GValue              *value)
{
  const BbhAdminField *f;

  if (prop_id == 0 || prop_id > n_fields)
    return FALSE;

  f = &fields[prop_id - 1];
  switch (f->kind)
    {
    case BBH_ADMIN_FIELD_STRING:
      g_value_set_string (value, *(char **) FIELD_PTR (instance, f));
      break;
    case BBH_ADMIN_FIELD_INT:
      g_value_set_int (value, *(int *) FIELD_PTR (instance, f));
      break;
    case BBH_ADMIN_FIELD_INT64:
      g_value_set_int64 (value, *(gint64 *) FIELD_PTR (instance, f));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

void
bbh_admin_fields_free (gpointer             instance,
                       const BbhAdminField *fields,
                       guint                n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind == BBH_ADMIN_FIELD_STRING)
      g_clear_pointer ((char **) FIELD_PTR (instance, &fields[i]), g_free);
}

static void
append_row (BbhList         *list,
            JsonObject      *row,
            BbhAdminRowFunc  parse_row)
{
  g_autoptr(GObject) item = parse_row (row);

  if (item != NULL)
    g_list_store_append (list->items, item);
}

/* A map of rows keyed by id has only objects as values (nulls aside); a single row has
 * scalars, even when one of its members is an object. */
static gboolean
is_map_of_rows (JsonObject *object)
{
  g_autoptr(GList) values = json_object_get_values (object);
  gboolean any = FALSE;

  for (GList *l = values; l != NULL; l = l->next)
    {
      switch (JSON_NODE_TYPE ((JsonNode *) l->data))
        {
        case JSON_NODE_OBJECT:
          any = TRUE;
          break;
        case JSON_NODE_NULL:
          break;
        default:
          return FALSE;
        }
    }
  return any;
}

const char *
bbh_admin_list_append_rows (BbhList         *list,
                            JsonObject      *root,
                            BbhAdminRowFunc  parse_row,
                            const char      *first_member,
                            ...)
{
  va_list args;
  const char *member;
  JsonNode *node = NULL;

  va_start (args, first_member);
  for (member = first_member; member != NULL; member = va_arg (args, const char *))
    {
      if (!json_object_has_member (root, member))
        continue;
      node = json_object_get_member (root, member);
      if (JSON_NODE_TYPE (node) == JSON_NODE_ARRAY || JSON_NODE_TYPE (node) == JSON_NODE_OBJECT)
        break;
      node = NULL;
    }
  va_end (args);

  if (node == NULL)
    return NULL;

  bbh_admin_list_append_node (list, node, parse_row);
  return member;
}

void
bbh_admin_list_append_node (BbhList         *list,
                            JsonNode        *node,
                            BbhAdminRowFunc  parse_row)
{
  if (JSON_NODE_TYPE (node) == JSON_NODE_ARRAY)
    {
      bbh_list_append_array (list, json_node_get_array (node), parse_row);
    }
  else if (JSON_NODE_TYPE (node) == JSON_NODE_OBJECT)
    {
      JsonObject *object = json_node_get_object (node);

      if (is_map_of_rows (object))
        {
          g_autoptr(GList) values = json_object_get_values (object);

          for (GList *l = values; l != NULL; l = l->next)
            if (JSON_NODE_TYPE ((JsonNode *) l->data) == JSON_NODE_OBJECT)
              append_row (list, json_node_get_object (l->data), parse_row);
        }
      else if (json_object_get_size (object) > 0)
        {
          append_row (list, object, parse_row);
        }
    }
}

void
bbh_admin_collect_members (JsonObject  *object,
                           GStrv       *out_names,
                           GStrv       *out_values)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);
      g_autofree char *text = NULL;

      switch (JSON_NODE_TYPE (node))
        {
        case JSON_NODE_VALUE:
          text = bbh_json_node_dup_text (node);
          break;
        case JSON_NODE_ARRAY:
        case JSON_NODE_OBJECT:
          text = json_to_string (node, FALSE);
          break;
        case JSON_NODE_NULL:
        default:
          break;
        }
      if (text == NULL)
        continue;
      g_strv_builder_add (names, name);
      g_strv_builder_add (values, text);
    }

  *out_names = g_strv_builder_end (names);
  *out_values = g_strv_builder_end (values);
}

const char *
bbh_admin_lookup_member (char       **names,
                         char       **values,
                         const char  *name)
{
  if (names == NULL || values == NULL || name == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

gint64
bbh_admin_parse_time_ms (const char *text)
{
  g_autofree char *copy = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;
  gint64 number;
  gsize len;

  if (text == NULL)
    return 0;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return 0;

  len = strlen (copy);

  /* Compact local time, "20240501093015". */
  if (len == 14 && bbh_parse_int64 (copy, &number) && (g_str_has_prefix (copy, "19")
                                                        || g_str_has_prefix (copy, "20")))
    {
      g_autofree char *iso = g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", copy, copy + 4,
                                              copy + 6, copy + 8, copy + 10, copy + 12);

      tz = g_time_zone_ref (bbh_local_time_zone ());
      dt = g_date_time_new_from_iso8601 (iso, tz);
      return dt != NULL ? g_date_time_to_unix (dt) * 1000 : 0;
    }

  if (bbh_parse_int64 (copy, &number))
    {
      /* 10 digits are seconds (2001–2286), more are milliseconds. */
      if (number >= G_GINT64_CONSTANT (100000000000))
        return number;
      if (number >= G_GINT64_CONSTANT (1000000000))
        return number * 1000;
      return 0;
    }

  for (char *p = copy; *p; p++)
    if (*p == '/')
      *p = '-';

  if (len == 10)
    {
      char *with_time = g_strconcat (copy, "T00:00:00", NULL);

      g_free (copy);
      copy = with_time;
    }
  else if (len > 10 && copy[10] == ' ')
    {
      copy[10] = 'T';
    }

  tz = g_time_zone_ref (bbh_local_time_zone ());
  dt = g_date_time_new_from_iso8601 (copy, tz);
  if (dt == NULL)
    return 0;
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

GDateTime *
bbh_admin_date_time_from_ms (gint64 ms)
{
  g_autoptr(GDateTime) seconds = NULL;

  if (ms <= 0)
    return NULL;

  seconds = bbh_date_time_new_from_unix_local (ms / 1000);
  if (seconds == NULL)
    return NULL;
  return g_date_time_add (seconds, (ms % 1000) * G_TIME_SPAN_MILLISECOND);
}

char *
bbh_admin_format_time (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}
