/* test-fuzz-corpus.c — every file of the fuzzing corpora through both parsers, in the normal
 * build: no crash, and a sane result (an object or a BBH_ERROR in words; a table of valid
 * UTF-8 or FALSE). Inputs the fuzzers found are added to tests/fuzz/corpus/ and stay here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bbh-content-private.h"
#include "bbh-error.h"
#include "bbh-event-private.h"
#include "bbh-json-private.h"
#include "bbh-response-private.h"

/* Under `make check-sanitize`: json-glib 1.6 (Debian 12) leaks a GString when a string holds
 * an invalid \u escape (corpus/response/escapes.json). Not ours; see tests/fuzz/lsan.supp. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libjson-glib-1.0.so\n";
}

static GPtrArray *
list_corpus (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (path, entry, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

static GBytes *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static guint
check_events (JsonObject *root)
{
  JsonArray *msgs = bbh_json_get_array (root, "msgs");
  guint n = 0;

  for (guint i = 0; msgs != NULL && i < json_array_get_length (msgs); i++)
    {
      JsonNode *node = json_array_get_element (msgs, i);
      g_autoptr(BbhEvent) event = NULL;
      int status;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      event = bbh_event_new_from_json (json_node_get_object (node));
      g_assert_nonnull (bbh_event_get_phone (event));
      g_assert_true (g_utf8_validate (bbh_event_get_phone (event), -1, NULL));
      status = bbh_event_get_status (event);
      if (bbh_event_is_hangup (event) && bbh_event_get_kind (event) != BBH_EVENT_KIND_HUNG_UP)
        g_assert_true (status == 2 || status == 3);
      n++;
    }
  return n;
}

static void
check_response (const char *name,
                GBytes     *bytes)
{
  static const BbhResponseFlags flags[] = { BBH_RESPONSE_DEFAULT, BBH_RESPONSE_STATUS_CODE };

  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    for (guint status = 200; status <= 502; status += 302)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonObject) root = NULL;

        root = bbh_response_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   status, flags[f], &error);
        if (root == NULL)
          {
            g_assert_nonnull (error);
            g_assert_true (error->domain == BBH_ERROR);
            g_assert_cmpstr (error->message, !=, "");
            g_assert_true (g_utf8_validate (error->message, -1, NULL));
            if (status != 200)
              g_assert_error (error, BBH_ERROR, BBH_ERROR_HTTP);
          }
        else
          {
            g_assert_no_error (error);
            g_assert_cmpuint (status, ==, 200);
            check_events (root);
          }
      }
}

static void
check_content (const char *name,
               GBytes     *bytes)
{
  GHashTable *table = NULL;
  gsize size = g_bytes_get_size (bytes);
  const char *data = g_bytes_get_data (bytes, NULL);

  if (bbh_content_parse (data, size, &table))
    {
      GHashTableIter iter;
      gpointer key, value;

      g_assert_nonnull (table);
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_assert_true (g_utf8_validate (key, -1, NULL));
          g_assert_true (g_utf8_validate (value, -1, NULL));
        }
      g_hash_table_unref (table);
    }
  else
    g_assert_null (table);

  if (size > 0 && g_utf8_validate (data, size, NULL))
    {
      g_autofree char *text = g_strndup (data, size);
      g_autoptr(BbhEvent) event = bbh_event_new (2, "1", text, 1, 1);

      g_assert_cmpint (bbh_event_get_status (event), >=, -1);
      (void) bbh_event_is_hangup (event);
    }
}

static void
test_corpus (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GPtrArray) files = list_corpus (name);

  g_assert_cmpuint (files->len, >=, 20);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GBytes) bytes = load (path);

      g_test_message ("%s", path);
      /* Both parsers see both corpora: a response can be a content and vice versa. */
      check_response (path, bytes);
      check_content (path, bytes);
    }
}

/* A few seeds whose result is known, so that a parser that rejects everything fails here. */
static void
test_known_results (void)
{
  g_autofree char *recv = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "response", "recvmsg.json", NULL);
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "content", "document-example.txt", NULL);
  g_autofree char *deep = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "content", "deep.txt", NULL);
  g_autoptr(GBytes) recv_bytes = load (recv);
  g_autoptr(GBytes) example_bytes = load (example);
  g_autoptr(GBytes) deep_bytes = load (deep);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  GHashTable *table = NULL;

  root = bbh_response_parse (g_bytes_get_data (recv_bytes, NULL), g_bytes_get_size (recv_bytes), 200, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check_events (root), ==, 3);

  g_assert_true (bbh_content_parse (g_bytes_get_data (example_bytes, NULL), g_bytes_get_size (example_bytes), &table));
  g_assert_cmpstr (g_hash_table_lookup (table, "talkTimes"), ==, "10");
  g_clear_pointer (&table, g_hash_table_unref);

  g_assert_true (bbh_content_parse (g_bytes_get_data (deep_bytes, NULL), g_bytes_get_size (deep_bytes), &table));
  g_assert_cmpstr (g_hash_table_lookup (table, "cdrId"), ==, "3");
  g_clear_pointer (&table, g_hash_table_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/agent/fuzz-corpus/response", "response", test_corpus);
  g_test_add_data_func ("/agent/fuzz-corpus/content", "content", test_corpus);
  g_test_add_func ("/agent/fuzz-corpus/known-results", test_known_results);

  return g_test_run ();
}
