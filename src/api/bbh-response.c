/* bbh-response.c
 *
 * The one place that decides whether an answer is a success (PROTOCOL.md "Responses"):
 * `code` as a number or a string, `success` instead of or beside it, JSONP wrappers, and
 * HTML or empty bodies from proxies, which are protocol errors carrying the HTTP status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-response"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-error.h"
#include "bbh-json-private.h"
#include "bbh-response-private.h"

/* A body of the form `name( … )` or `name( … );` — what jsonpdata.jsonp answers. */
static gboolean
unwrap_jsonp (const char  *data,
              gsize        length,
              const char **out_start,
              gsize       *out_length)
{
  gsize i = 0;
  gsize end = length;

  if (length == 0 || !(g_ascii_isalpha (data[0]) || data[0] == '_' || data[0] == '$'))
    return FALSE;

  while (i < length && (g_ascii_isalnum (data[i]) || data[i] == '_' || data[i] == '$' || data[i] == '.'))
    i++;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i >= length || data[i] != '(')
    return FALSE;

  while (end > i && (g_ascii_isspace (data[end - 1]) || data[end - 1] == ';'))
    end--;
  if (end <= i + 1 || data[end - 1] != ')')
    return FALSE;

  *out_start = data + i + 1;
  *out_length = end - 1 - (i + 1);
  return TRUE;
}

static gboolean
looks_like_html (const char *data,
                 gsize       length)
{
  return length > 0 && data[0] == '<';
}

static void
set_code_error (GError     **error,
                gint64       code,
                const char  *server_message)
{
  switch (code)
    {
    case BBH_ERROR_NETWORK:
    case BBH_ERROR_AUTH:
    case BBH_ERROR_INTERNAL:
    case BBH_ERROR_PERMISSION:
    case BBH_ERROR_SQL:
    case BBH_ERROR_EXISTS:
    case BBH_ERROR_NOT_FOUND:
    case BBH_ERROR_OVER_MAXIMUM:
    case BBH_ERROR_FILE_SAVE:
    case BBH_ERROR_GROUP:
    case BBH_ERROR_DEVICE_NOT_REGISTERED:
    case BBH_ERROR_DEVICE_MAC_MISSING:
    case BBH_ERROR_DEVICE_NOTHING:
      g_set_error_literal (error, BBH_ERROR, (int) code, bbh_error_describe ((int) code));
      break;

    default:
      if (server_message != NULL && *server_message != '\0')
        /* Translators: %s is the server's own explanation, often in Chinese */
        g_set_error (error, BBH_ERROR, BBH_ERROR_FAILED, _("The server refused the request: %s"),
                     server_message);
      else
        {
          char number[32];

          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, code);
          /* Translators: %s is the server's numeric answer code */
          g_set_error (error, BBH_ERROR, BBH_ERROR_FAILED,
                       _("The server refused the request (code %s)."), number);
        }
      break;
    }
}

/**
 * bbh_response_parse:
 * @data: the body, not necessarily NUL-terminated
 * @length: its length
 * @http_status: the HTTP status of the answer
 * @flags: method quirks
 * @error: return location for a #BBH_ERROR
 *
 * Returns: (transfer full) (nullable): the answer's root object when it is a success.
 */
JsonObject *
bbh_response_parse (const char        *data,
                    gsize              length,
                    guint              http_status,
                    BbhResponseFlags   flags,
                    GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *server_message = NULL;
  const char *start = data;
  gsize len = length;
  JsonNode *root;
  JsonObject *object;
  gint64 code;

  if (http_status < 200 || http_status >= 300)
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_HTTP,
                   /* Translators: %u is an HTTP status such as 502 */
                   _("The server answered with HTTP error %u. It may be down or behind a broken proxy; try again later."),
                   http_status);
      return NULL;
    }

  /* Skip a UTF-8 byte order mark and surrounding white space. */
  if (len >= 3 && memcmp (start, "\xEF\xBB\xBF", 3) == 0)
    {
      start += 3;
      len -= 3;
    }
  while (len > 0 && g_ascii_isspace (start[0]))
    {
      start++;
      len--;
    }
  while (len > 0 && g_ascii_isspace (start[len - 1]))
    len--;

  if (len == 0)
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                   _("The server sent an empty answer (HTTP %u). Check that the address points to an 800ing server."),
                   http_status);
      return NULL;
    }

  if (looks_like_html (start, len))
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                   _("The server sent a web page instead of data (HTTP %u). Check that the address points to an 800ing server."),
                   http_status);
      return NULL;
    }

  if (memchr (start, '\0', len) != NULL)
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                   _("The server's answer was not understood (HTTP %u)."), http_status);
      return NULL;
    }

  unwrap_jsonp (start, len, &start, &len);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, start, (gssize) len, &local_error))
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                   _("The server's answer was not understood (HTTP %u)."), http_status);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                   _("The server's answer was not understood (HTTP %u)."), http_status);
      return NULL;
    }

  object = json_node_get_object (root);
  server_message = bbh_json_dup_string_any (object, "message", "msg", "errorMsg", NULL);

  /* `code` is authoritative when present; compare numerically, "0" == 0 (PROTOCOL.md). */
  if (json_object_has_member (object, "code")
      && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "code")))
    {
      if (!bbh_json_read_int64 (object, "code", &code))
        {
          g_set_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                       _("The server's answer was not understood (HTTP %u)."), http_status);
          return NULL;
        }
      if (code != 0)
        {
          set_code_error (error, code, server_message);
          return NULL;
        }
      return json_object_ref (object);
    }

  if ((flags & BBH_RESPONSE_STATUS_CODE) != 0 && bbh_json_read_int64 (object, "status", &code))
    {
      if (code != 0)
        {
          set_code_error (error, code, server_message);
          return NULL;
        }
      return json_object_ref (object);
    }

  if (json_object_has_member (object, "success")
      && !bbh_json_get_boolean (object, "success", TRUE))
    {
      set_code_error (error, BBH_ERROR_FAILED, server_message);
      return NULL;
    }

  /* Neither code nor success: the tolerant reading is success; each method's parser still
   * checks for the fields it needs. */
  return json_object_ref (object);
}
