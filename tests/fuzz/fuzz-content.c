/* fuzz-content.c — libFuzzer target: a message's `content` through the lenient parser, and
 * through BbhEvent, which must turn anything into an event without stalling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "bbh-content-private.h"
#include "bbh-event-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GHashTable *table = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (bbh_content_parse ((const char *) data, (gssize) size, &table))
    {
      if (table == NULL)
        g_error ("TRUE without a table");
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
          g_error ("invalid UTF-8 in the table");
      g_hash_table_unref (table);
    }
  else if (table != NULL)
    g_error ("FALSE with a table");

  /* As the event sees it: a C string, which stops at the first NUL. */
  if (g_utf8_validate ((const char *) data, (gssize) size, NULL))
    {
      g_autofree char *text = g_strndup ((const char *) data, size);
      g_autoptr(BbhEvent) event = bbh_event_new (2, "13800138000", text, 1, 1);
      int status = bbh_event_get_status (event);

      if (bbh_event_is_hangup (event) && status != 2 && status != 3)
        g_error ("hang-up with status %d", status);
      (void) bbh_event_get_cdr_id (event);
      (void) bbh_event_get_talk_seconds (event);
    }

  return 0;
}
