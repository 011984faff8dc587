/* bbh-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-json"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bbh-client.h"
#include "bbh-json-private.h"

/**
 * bbh_parse_int64:
 * @text: decimal text, possibly with surrounding spaces
 *
 * Parses a whole decimal integer. Ids exceed 2^53, so this never goes through a double;
 * a value with a fraction of zero ("12.0") is accepted as the integer, anything else is not.
 */
gboolean
bbh_parse_int64 (const char *text,
                 gint64     *out_value)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return FALSE;

  errno = 0;
  value = g_ascii_strtoll (copy, &end, 10);
  if (errno != 0 || end == copy)
    return FALSE;

  if (*end == '.')
    {
      const char *p = end + 1;

      while (*p == '0')
        p++;
      if (*p != '\0')
        return FALSE;
    }
  else if (*end != '\0')
    return FALSE;

  if (out_value)
    *out_value = value;
  return TRUE;
}

gboolean
bbh_json_node_to_int64 (JsonNode *node,
                        gint64   *out_value)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out_value = json_node_get_int (node);
      return TRUE;

    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (d != d || d > (double) G_MAXINT64 || d < (double) G_MININT64)
          return FALSE;
        *out_value = (gint64) d;
        return TRUE;
      }

    case G_TYPE_BOOLEAN:
      *out_value = json_node_get_boolean (node) ? 1 : 0;
      return TRUE;

    case G_TYPE_STRING:
      return bbh_parse_int64 (json_node_get_string (node), out_value);

    default:
      return FALSE;
    }
}

char *
bbh_json_node_dup_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        /* Valid JSON can still decode to invalid UTF-8: json-glib turns a lone surrogate
         * escape ("\ud800") into its three bytes. A label would refuse it with a critical. */
        if (text != NULL && !g_utf8_validate (text, -1, NULL))
          return g_utf8_make_valid (text, -1);
        return g_strdup (text);
      }

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }

    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");

    default:
      return NULL;
    }
}

gboolean
bbh_json_read_int64 (JsonObject *object,
                     const char *member,
                     gint64     *out_value)
{
  gint64 value;

  if (object == NULL || !json_object_has_member (object, member))
    return FALSE;
  if (!bbh_json_node_to_int64 (json_object_get_member (object, member), &value))
    return FALSE;
  if (out_value)
    *out_value = value;
  return TRUE;
}

gint64
bbh_json_get_int64 (JsonObject *object,
                    const char *member,
                    gint64      fallback)
{
  gint64 value;

  if (bbh_json_read_int64 (object, member, &value))
    return value;
  return fallback;
}

int
bbh_json_get_int (JsonObject *object,
                  const char *member,
                  int         fallback)
{
  gint64 value;

  if (bbh_json_read_int64 (object, member, &value) && value >= G_MININT && value <= G_MAXINT)
    return (int) value;
  return fallback;
}

double
bbh_json_get_double (JsonObject *object,
                     const char *member,
                     double      fallback)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return fallback;

  node = json_object_get_member (object, member);
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return fallback;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        char *end = NULL;
        double d;

        if (s == NULL || *s == '\0')
          return fallback;
        d = g_ascii_strtod (s, &end);
        return (end != s && *end == '\0') ? d : fallback;
      }
    default:
      return fallback;
    }
}

gboolean
bbh_json_get_boolean (JsonObject *object,
                      const char *member,
                      gboolean    fallback)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return fallback;

  node = json_object_get_member (object, member);
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return fallback;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (node);
    case G_TYPE_INT64:
      return json_node_get_int (node) != 0;
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);

        if (g_ascii_strcasecmp (s, "true") == 0 || g_strcmp0 (s, "1") == 0)
          return TRUE;
        if (g_ascii_strcasecmp (s, "false") == 0 || g_strcmp0 (s, "0") == 0)
          return FALSE;
        return fallback;
      }
    default:
      return fallback;
    }
}

/* NULL for a missing or null member; numbers come back as their decimal text. Always valid
 * UTF-8: json-glib rejects invalid bytes while parsing, and lone surrogate escapes are mended
 * in bbh_json_node_dup_text(). */
char *
bbh_json_dup_string (JsonObject *object,
                     const char *member)
{
  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  return bbh_json_node_dup_text (json_object_get_member (object, member));
}

/* The first of several spellings that is present: the document's typos
 * (statrTime/startTime, dialSucessTime) and case drift (waterLine/waterline). */
char *
bbh_json_dup_string_any (JsonObject *object,
                         const char *first_member,
                         ...)
{
  va_list args;
  const char *member;
  char *result = NULL;

  va_start (args, first_member);
  for (member = first_member; member != NULL && result == NULL; member = va_arg (args, const char *))
    result = bbh_json_dup_string (object, member);
  va_end (args);

  return result;
}

gint64
bbh_json_get_int64_any (JsonObject *object,
                        gint64      fallback,
                        const char *first_member,
                        ...)
{
  va_list args;
  const char *member;
  gint64 value = fallback;

  va_start (args, first_member);
  for (member = first_member; member != NULL; member = va_arg (args, const char *))
    {
      if (bbh_json_read_int64 (object, member, &value))
        break;
      value = fallback;
    }
  va_end (args);

  return value;
}

/* NULL for missing, null or non-array: all mean "empty" to the caller. */
JsonArray *
bbh_json_get_array (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return NULL;
  return json_node_get_array (node);
}

JsonObject *
bbh_json_get_object (JsonObject *object,
                     const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return NULL;
  return json_node_get_object (node);
}

/* List totals are `total`, `recordTotal` or `count` depending on the method. */
guint64
bbh_json_get_total (JsonObject *root,
                    guint       fallback)
{
  static const char * const names[] = { "total", "recordTotal", "count", "totalCount" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gint64 value;

      if (bbh_json_read_int64 (root, names[i], &value) && value >= 0)
        return (guint64) value;
    }
  return fallback;
}

/* The local time zone (transfer none), read once per process: GLib 2.74's
 * g_time_zone_new_local() — and so g_date_time_new_local(), g_date_time_to_local() and
 * g_date_time_new_from_unix_local() — reads /etc/localtime again on every call when TZ is not
 * set, and the parsers call them for every field of every row. A time zone changed while the
 * application runs is seen at its next start. */
GTimeZone *
bbh_local_time_zone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, g_time_zone_new_local ());
  return zone;
}

/* g_date_time_new_from_unix_local() in the cached zone. */
GDateTime *
bbh_date_time_new_from_unix_local (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);

  return utc != NULL ? g_date_time_to_timezone (utc, bbh_local_time_zone ()) : NULL;
}
