/* test-sandbox-control.c — a real babaihu-sandbox for one test, and its control API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <libsoup/soup.h>

#include "test-sandbox-control.h"

struct _TestSandbox
{
  GSubprocess *process;
  char        *url;
  char        *control_url;   /* answers even while the API port plays dead */
  char        *dir;
  SoupSession *session;
};

/* A test that fails (abort, g_error) takes its sandbox with it: an orphan would keep the
 * test's output open and the runner waiting until its timeout. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

TestSandbox *
test_sandbox_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *control = NULL;
  g_autofree char *db = NULL;
  const char *program = g_getenv ("BABAIHU_SANDBOX");
  TestSandbox *sandbox = g_new0 (TestSandbox, 1);
  const char *url;

  g_assert_nonnull (program);
  sandbox->dir = g_dir_make_tmp ("test-sandbox-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (sandbox->dir, "sandbox.db", NULL);

  /* The sandbox's own warnings are its tests' business, not a reason to fail this one. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sandbox->process = g_subprocess_launcher_spawn (launcher, &error,
                                                  program, "--demo", "--demo-size=200", "--port", "0",
                                                  "--db", db,
                                                  NULL);
  g_assert_no_error (error);

  /* Its first line says where it listens; reading it synchronously is fine in a test. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  url = strstr (line, "http://");
  g_assert_nonnull (url);
  sandbox->url = g_strstrip (g_strdup (url));

  /* The second line names the control port. */
  control = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (control != NULL && (url = strstr (control, "http://")) != NULL)
    sandbox->control_url = g_strstrip (g_strdup (url));
  else
    sandbox->control_url = g_strdup (sandbox->url);
  sandbox->session = soup_session_new ();
  return sandbox;
}

void
test_sandbox_free (TestSandbox *sandbox)
{
  g_autofree char *cmd = NULL;

  g_subprocess_send_signal (sandbox->process, SIGTERM);
  g_subprocess_wait (sandbox->process, NULL, NULL);
  g_object_unref (sandbox->process);
  g_object_unref (sandbox->session);
  cmd = g_strdup_printf ("rm -rf '%s'", sandbox->dir);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (sandbox->dir);
  g_free (sandbox->url);
  g_free (sandbox->control_url);
  g_free (sandbox);
}

const char *
test_sandbox_get_url (TestSandbox *sandbox)
{
  return sandbox->url;
}

static JsonNode *
control (TestSandbox *sandbox,
         const char  *http_method,
         const char  *path,
         JsonBuilder *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *uri = g_strconcat (sandbox->control_url, path, NULL);

  msg = soup_message_new (http_method, uri);
  if (body != NULL)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (body);
      char *text = json_to_string (root, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (sandbox->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    g_error ("%s %s: HTTP %u: %.*s", http_method, path, soup_message_get_status (msg),
             (int) g_bytes_get_size (answer), (const char *) g_bytes_get_data (answer, NULL));

  /* The body is not NUL-terminated: parse exactly its length. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                   g_bytes_get_size (answer), &error))
    g_error ("%s %s: not JSON: %s", http_method, path, error->message);

  return json_parser_steal_root (parser);
}

void
test_sandbox_fault (TestSandbox *sandbox,
                    const char  *mode,
                    guint        ms)
{
  g_autoptr(JsonBuilder) body = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;

  json_builder_begin_object (body);
  json_builder_set_member_name (body, "mode");
  json_builder_add_string_value (body, mode);
  json_builder_set_member_name (body, "ms");
  json_builder_add_int_value (body, ms);
  json_builder_end_object (body);
  answer = control (sandbox, "POST", "/sandbox/fault", body);
}

gint64
test_sandbox_call (TestSandbox *sandbox,
                   const char  *extension,
                   const char  *phone,
                   const char  *direction,
                   guint        ring_ms,
                   guint        talk_ms,
                   gboolean     record)
{
  g_autoptr(JsonBuilder) body = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;
  JsonNode *id;

  json_builder_begin_object (body);
  json_builder_set_member_name (body, "extension");
  json_builder_add_string_value (body, extension);
  json_builder_set_member_name (body, "phone");
  json_builder_add_string_value (body, phone);
  json_builder_set_member_name (body, "direction");
  json_builder_add_string_value (body, direction);
  json_builder_set_member_name (body, "ring_ms");
  json_builder_add_int_value (body, ring_ms);
  json_builder_set_member_name (body, "talk_ms");
  json_builder_add_int_value (body, talk_ms);
  json_builder_set_member_name (body, "record");
  json_builder_add_boolean_value (body, record);
  json_builder_end_object (body);

  answer = control (sandbox, "POST", "/sandbox/call", body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer));
  id = json_object_get_member (json_node_get_object (answer), "cdrId");
  g_assert_nonnull (id);
  /* Ids are 64-bit and may come as text. */
  if (json_node_get_value_type (id) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (id), NULL, 10);
  return json_node_get_int (id);
}

JsonNode *
test_sandbox_dup_requests (TestSandbox *sandbox)
{
  return control (sandbox, "GET", "/sandbox/requests", NULL);
}

guint
test_sandbox_count_method (TestSandbox *sandbox,
                           const char  *method)
{
  g_autoptr(JsonNode) root = test_sandbox_dup_requests (sandbox);
  JsonArray *array = NULL;
  guint n = 0;

  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root) &&
           json_object_has_member (json_node_get_object (root), "requests"))
    array = json_object_get_array_member (json_node_get_object (root), "requests");
  g_assert_nonnull (array);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *req = json_array_get_object_element (array, i);

      if (req != NULL && json_object_has_member (req, "method") &&
          g_strcmp0 (json_object_get_string_member (req, "method"), method) == 0)
        n++;
    }

  return n;
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static void
wait_done (Wait *wait)
{
  /* The client's own timeout bounds this. */
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

GListModel *
test_sandbox_get_memos (TestSandbox *sandbox,
                        BbhClient   *client,
                        const char  *phone)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GListModel *memos;

  bbh_client_get_memos_async (client, phone, 0, 100, NULL, on_done_cb, &wait);
  wait_done (&wait);
  memos = bbh_client_get_memos_finish (client, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return memos;
}

void
test_sandbox_add_memo (TestSandbox *sandbox,
                       BbhClient   *client,
                       const char  *phone,
                       const char  *text)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  bbh_client_add_memo_async (client, phone, text, NULL, NULL, NULL, on_done_cb, &wait);
  wait_done (&wait);
  g_assert_true (bbh_client_add_memo_finish (client, wait.result, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}
