/* fuzz-response.c — libFuzzer target: an HTTP body through bbh_response_parse() and, when it
 * is accepted, through the readers a method's parse function uses (messages, ids, totals).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "bbh-error.h"
#include "bbh-event-private.h"
#include "bbh-json-private.h"
#include "bbh-response-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_text (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_error ("invalid UTF-8 came out of a reader");
}

static void
read_messages (JsonObject *root)
{
  JsonArray *msgs = bbh_json_get_array (root, "msgs");

  for (guint i = 0; msgs != NULL && i < json_array_get_length (msgs); i++)
    {
      JsonNode *node = json_array_get_element (msgs, i);
      g_autoptr(BbhEvent) event = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      event = bbh_event_new_from_json (json_node_get_object (node));
      check_text (bbh_event_get_phone (event));
      check_text (bbh_event_get_content (event));
      (void) bbh_event_is_hangup (event);
      (void) bbh_event_get_content_value (event, "status");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  BbhResponseFlags flags = BBH_RESPONSE_DEFAULT;
  guint status = 200;
  g_autofree char *text = NULL;
  gint64 value;

  /* The first byte picks the quirk flags and the HTTP status, so both paths are explored. */
  if (size > 0)
    {
      if (data[0] & 1)
        flags |= BBH_RESPONSE_STATUS_CODE;
      if ((data[0] & 0xF0) == 0xF0)
        status = 502;
    }

  root = bbh_response_parse ((const char *) data, size, status, flags, &error);
  if (root == NULL)
    {
      if (error == NULL || error->domain != BBH_ERROR || error->message == NULL || *error->message == '\0')
        g_error ("a failure without a BBH_ERROR in words");
      return 0;
    }
  if (error != NULL)
    g_error ("a result and an error");

  (void) bbh_json_read_int64 (root, "code", &value);
  (void) bbh_json_get_total (root, 0);
  (void) bbh_json_get_int64_any (root, -1, "waterLine", "waterline", "id", NULL);
  (void) bbh_json_get_double (root, "lon", 0);
  (void) bbh_json_get_boolean (root, "success", TRUE);
  text = bbh_json_dup_string_any (root, "message", "msg", NULL);
  check_text (text);
  read_messages (root);
  read_messages (bbh_json_get_object (root, "data"));

  return 0;
}
