/* sandbox-http.c — what the server's files share about HTTP: parameters from the query and
 * the form body, JSON answers, pausing a message to answer it later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-server"

#include "config.h"

#include "sandbox-server.h"

JsonObject *
sandbox_answer_ok (void)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "code", 0);
  json_object_set_string_member (object, "message", "OK");
  return object;
}

JsonNode *
sandbox_answer_node (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

void
sandbox_set_json_response (SoupServerMessage *msg,
                           guint              status,
                           JsonNode          *node)
{
  char *body = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8",
                                    SOUP_MEMORY_TAKE, body, strlen (body));
}

/* Pausing is a flag on the message, so that whoever answers knows whether to unpause. */
void
sandbox_message_pause (SoupServerMessage *msg)
{
  if (g_object_get_data (G_OBJECT (msg), "sandbox-paused") == NULL)
    {
      g_object_set_data (G_OBJECT (msg), "sandbox-paused", GINT_TO_POINTER (1));
      soup_server_message_pause (msg);
    }
}

void
sandbox_message_resume (SoupServerMessage *msg)
{
  if (g_object_steal_data (G_OBJECT (msg), "sandbox-paused") != NULL)
    soup_server_message_unpause (msg);
}

/* ---- parameters ---- */

static void
copy_into (GHashTable *into,
           GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  if (from == NULL)
    return;
  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (into, g_strdup (key), g_strdup (value));
}

static void
parse_multipart (SoupServerMessage *msg,
                 GBytes            *body,
                 GHashTable        *params,
                 GHashTable       **out_files)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMultipart *multipart = soup_multipart_new_from_message (headers, body);

  if (multipart == NULL)
    return;

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers = NULL;
      GBytes *part_body = NULL;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) disposition_params = NULL;
      const char *name, *filename;

      if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body)
          || !soup_message_headers_get_content_disposition (part_headers, &disposition,
                                                            &disposition_params))
        continue;

      name = g_hash_table_lookup (disposition_params, "name");
      filename = g_hash_table_lookup (disposition_params, "filename");
      if (name == NULL)
        continue;

      if (filename != NULL)
        {
          if (out_files == NULL)
            continue;
          if (*out_files == NULL)
            *out_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_bytes_unref);
          g_hash_table_replace (*out_files, g_strdup (name), g_bytes_ref (part_body));
          g_hash_table_replace (params, g_strdup (name), g_strdup (filename));
        }
      else
        {
          gsize size;
          const char *data = g_bytes_get_data (part_body, &size);

          g_hash_table_replace (params, g_strdup (name), g_strndup (data, size));
        }
    }
  soup_multipart_free (multipart);
}

GHashTable *
sandbox_parse_params (SoupServerMessage  *msg,
              GHashTable         *query,
              GHashTable        **out_files)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) body = NULL;

  copy_into (params, query);

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    return params;

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (g_bytes_get_size (body) == 0)
    return params;

  if (content_type != NULL && g_ascii_strcasecmp (content_type, "multipart/form-data") == 0)
    {
      parse_multipart (msg, body, params, out_files);
    }
  else if (content_type == NULL
           || g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autoptr(GHashTable) form = soup_form_decode (text);

      copy_into (params, form);
    }
  return params;
}

/* A member as text, whether the JSON has it as a string or a number. */
char *
sandbox_json_member_text (JsonObject *object,
                          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%.0f", json_node_get_double (node));
    default:
      return NULL;
    }
}

gint64
sandbox_json_member_int (JsonObject *object,
                         const char *name,
                         gint64      fallback)
{
  g_autofree char *text = sandbox_json_member_text (object, name);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fallback;
  return value;
}
