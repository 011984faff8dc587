/* sandbox-test-util.c — run the real babaihu-sandbox and talk to it over HTTP with libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "sandbox-test-util.h"

struct _SandboxTestPending
{
  SoupMessage         *msg;
  SandboxTestResponse *response;
  gint64               started_us;
  gboolean             done;
};

static gboolean
on_wait_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
sandbox_test_wait_for (gboolean *done,
                       guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_wait_timeout_cb, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  if (!*done)
    g_error ("Timed out after %u ms", timeout_ms);
}

typedef struct
{
  gboolean (*check) (gpointer user_data);
  gpointer   user_data;
  gboolean   done;
} Until;

static gboolean
on_until_tick_cb (gpointer data)
{
  Until *until = data;

  if (until->check (until->user_data))
    {
      until->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
sandbox_test_wait_until (gboolean (*check) (gpointer user_data),
                         gpointer   user_data,
                         guint      timeout_ms)
{
  Until until = { check, user_data, FALSE };
  guint id;

  if (check (user_data))
    return;
  id = g_timeout_add (20, on_until_tick_cb, &until);
  sandbox_test_wait_for (&until.done, timeout_ms);
  (void) id;   /* removed itself when the condition held */
}

char *
sandbox_test_md5 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);
}

/* ---- the process ---- */

typedef struct
{
  char     *line;
  GError   *error;
  gboolean  done;
} LineRead;

static void
on_line_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                          NULL, &read->error);
  read->done = TRUE;
}

static char *
read_line (GDataInputStream *stream)
{
  LineRead read = { 0 };

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, on_line_cb, &read);
  /* Generous: seeding 100,000 customers (sandbox-data-big) takes over 30 s under
   * AddressSanitizer, and the first line comes after it. */
  sandbox_test_wait_for (&read.done, 120000);
  g_assert_no_error (read.error);
  g_assert_nonnull (read.line);
  return read.line;
}

/* Whatever the sandbox prints after its two lines (debug output) is read and dropped, so that
 * it never blocks on a full pipe. */
static void
on_drain_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);

  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    g_input_stream_read_bytes_async (G_INPUT_STREAM (object), 4096, G_PRIORITY_LOW, NULL,
                                     on_drain_cb, NULL);
  else
    g_object_unref (object);
}

/* A sandbox never outlives a test that crashed. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

SandboxTestServer *
sandbox_test_server_start (const char * const *extra_args,
                           const char * const *env)
{
  SandboxTestServer *server = g_new0 (SandboxTestServer, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) stdout_stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *db = NULL;
  const char *binary = g_getenv ("BABAIHU_SANDBOX");

  if (binary == NULL)
    g_error ("BABAIHU_SANDBOX is not set: run the tests through meson test");

  server->scratch_dir = g_dir_make_tmp ("sandbox-test-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (server->scratch_dir, "sandbox.db", NULL);

  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "--demo");
  g_ptr_array_add (argv, (gpointer) "--demo-size=200");
  /* A test that keeps its own database (restarts) passes --db itself. */
  if (extra_args == NULL || !g_strv_contains (extra_args, "--db"))
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, db);
    }
  for (guint i = 0; extra_args && extra_args[i]; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  for (guint i = 0; env && env[i]; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1] ? pair[1] : "", TRUE);
    }
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);

  stdout_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  first = read_line (stdout_stream);
  g_assert_true (g_str_has_prefix (first, "listening on http://127.0.0.1:"));
  second = read_line (stdout_stream);
  g_assert_true (g_str_has_prefix (second, "control on http://127.0.0.1:"));
  server->url = g_strdup (first + strlen ("listening on "));
  server->control_url = g_strdup (second + strlen ("control on "));
  g_input_stream_read_bytes_async (G_INPUT_STREAM (stdout_stream), 4096, G_PRIORITY_LOW, NULL,
                                   on_drain_cb, g_object_ref (stdout_stream));

  server->session = g_object_new (SOUP_TYPE_SESSION,
                                  "max-conns", 2000,
                                  "max-conns-per-host", 2000,
                                  "timeout", 60,
                                  NULL);
  return server;
}

static void
on_exited_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

void
sandbox_test_server_stop (SandboxTestServer *server)
{
  gboolean exited = FALSE;

  if (server == NULL)
    return;

  g_clear_object (&server->session);
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait_async (server->process, NULL, on_exited_cb, &exited);
  sandbox_test_wait_for (&exited, 10000);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);

  remove_tree (server->scratch_dir);
  g_object_unref (server->process);
  g_free (server->scratch_dir);
  g_free (server->url);
  g_free (server->control_url);
  g_free (server);
}

/* ---- HTTP ---- */

void
sandbox_test_response_free (SandboxTestResponse *response)
{
  if (response == NULL)
    return;
  g_clear_error (&response->error);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response->content_type);
  g_free (response);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SandboxTestPending *pending = user_data;
  SandboxTestResponse *response = g_new0 (SandboxTestResponse, 1);
  const char *content_type;

  response->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                      &response->error);
  if (response->error == NULL)
    {
      response->status = soup_message_get_status (pending->msg);
      response->headers = soup_message_headers_ref (soup_message_get_response_headers (pending->msg));
      content_type = soup_message_headers_get_content_type (response->headers, NULL);
      response->content_type = g_strdup (content_type);
    }
  response->elapsed_ms = (g_get_monotonic_time () - pending->started_us) / 1000;
  pending->response = response;
  pending->done = TRUE;
}

SandboxTestPending *
sandbox_test_send (SandboxTestServer *server,
                   const char        *base,
                   const char        *http_method,
                   const char        *path_and_query,
                   const char        *content_type,
                   GBytes            *body,
                   const char        *range)
{
  SandboxTestPending *pending = g_new0 (SandboxTestPending, 1);
  g_autofree char *url = g_strconcat (base ? base : server->url, path_and_query, NULL);

  pending->msg = soup_message_new (http_method, url);
  g_assert_nonnull (pending->msg);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (pending->msg, content_type, body);
  if (range != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (pending->msg), "Range", range);
  pending->started_us = g_get_monotonic_time ();
  soup_session_send_and_read_async (server->session, pending->msg, G_PRIORITY_DEFAULT, NULL,
                                    on_sent_cb, pending);
  return pending;
}

gboolean
sandbox_test_pending_is_done (SandboxTestPending *pending)
{
  return pending->done;
}

SandboxTestResponse *
sandbox_test_pending_finish (SandboxTestPending *pending,
                             guint               timeout_ms)
{
  SandboxTestResponse *response;

  sandbox_test_wait_for (&pending->done, timeout_ms);
  response = g_steal_pointer (&pending->response);
  g_object_unref (pending->msg);
  g_free (pending);
  return response;
}

SandboxTestResponse *
sandbox_test_request (SandboxTestServer *server,
                      const char        *base,
                      const char        *http_method,
                      const char        *path_and_query,
                      const char        *content_type,
                      GBytes            *body,
                      const char        *range,
                      guint              timeout_ms)
{
  return sandbox_test_pending_finish (sandbox_test_send (server, base, http_method, path_and_query,
                                                         content_type, body, range),
                                      timeout_ms);
}

JsonObject *
sandbox_test_response_json (SandboxTestResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (response->body == NULL
      || !json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                      g_bytes_get_size (response->body), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static char *
call_query_va (const char *account,
               const char *password,
               const char *method,
               va_list     args)
{
  g_autoptr(GString) query = g_string_new ("?");
  g_autofree char *md5 = password ? sandbox_test_md5 (password) : NULL;
  const char *name;

  if (account != NULL)
    {
      g_string_append (query, "sa_user=");
      g_string_append_uri_escaped (query, account, NULL, TRUE);
      g_string_append (query, "&sa_password=");
      g_string_append (query, md5 ? md5 : "");
      g_string_append_c (query, '&');
    }
  g_string_append (query, "method=");
  g_string_append_uri_escaped (query, method, NULL, TRUE);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_string_append_printf (query, "&%s=", name);
      g_string_append_uri_escaped (query, value ? value : "", NULL, TRUE);
    }
  return g_string_free (g_steal_pointer (&query), FALSE);
}

char *
sandbox_test_call_query (const char *account,
                         const char *password,
                         const char *method,
                         ...)
{
  va_list args;
  char *query;

  va_start (args, method);
  query = call_query_va (account, password, method, args);
  va_end (args);
  return query;
}

SandboxTestPending *
sandbox_test_call_start (SandboxTestServer *server,
                         const char        *account,
                         const char        *password,
                         const char        *method,
                         ...)
{
  g_autofree char *query = NULL;
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, method);
  query = call_query_va (account, password, method, args);
  va_end (args);
  path = g_strconcat ("/voip/api/jsondata.html", query, NULL);
  return sandbox_test_send (server, NULL, "GET", path, NULL, NULL, NULL);
}

JsonObject *
sandbox_test_call_finish (SandboxTestPending *pending,
                          guint               timeout_ms)
{
  g_autoptr(SandboxTestResponse) response = sandbox_test_pending_finish (pending, timeout_ms);
  JsonObject *object;

  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 200);
  object = sandbox_test_response_json (response);
  if (object == NULL)
    g_error ("Not a JSON object: %.*s", (int) g_bytes_get_size (response->body),
             (const char *) g_bytes_get_data (response->body, NULL));
  return object;
}

JsonObject *
sandbox_test_call (SandboxTestServer *server,
                   const char        *account,
                   const char        *password,
                   const char        *method,
                   ...)
{
  g_autofree char *query = NULL;
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, method);
  query = call_query_va (account, password, method, args);
  va_end (args);
  path = g_strconcat ("/voip/api/jsondata.html", query, NULL);
  return sandbox_test_call_finish (sandbox_test_send (server, NULL, "GET", path, NULL, NULL, NULL),
                                   30000);
}

JsonObject *
sandbox_test_control (SandboxTestServer *server,
                      const char        *path,
                      const char        *json)
{
  g_autoptr(SandboxTestResponse) response = NULL;
  g_autoptr(GBytes) body = json ? g_bytes_new (json, strlen (json)) : NULL;
  JsonObject *object;

  response = sandbox_test_request (server, server->control_url, json ? "POST" : "GET", path,
                                   "application/json", body, NULL, 30000);
  g_assert_no_error (response->error);
  object = sandbox_test_response_json (response);
  if (response->status != 200 || object == NULL)
    g_error ("Control %s answered %u: %.*s", path, response->status,
             (int) g_bytes_get_size (response->body),
             (const char *) g_bytes_get_data (response->body, NULL));
  return object;
}

gint64
sandbox_test_get_int (JsonObject *object,
                      const char *name,
                      gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                    &value, NULL))
        return value;
      return fallback;
    }
  return json_node_get_int (node);
}

JsonObject *
sandbox_test_wait_for_event (SandboxTestServer *server,
                             const char        *account,
                             const char        *password,
                             const char        *phone,
                             int                status,
                             gint64            *water_line,
                             guint              timeout_ms)
{
  g_autofree char *needle = g_strdup_printf ("status:%d,", status);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, *water_line);
      g_autoptr(JsonObject) answer = NULL;
      JsonArray *msgs;

      answer = sandbox_test_call_finish (sandbox_test_call_start (server, account, password,
                                                                  "getLongWaterLine", "client", "1",
                                                                  "message", "1", "waterLine",
                                                                  after, NULL),
                                         timeout_ms);
      g_assert_cmpint (sandbox_test_get_int (answer, "code", -99), ==, 0);
      msgs = json_object_get_array_member (answer, "msgs");
      for (guint i = 0; msgs && i < json_array_get_length (msgs); i++)
        {
          JsonObject *msg = json_array_get_object_element (msgs, i);
          const char *content = json_object_get_string_member_with_default (msg, "content", "");
          gint64 line = sandbox_test_get_int (msg, "waterLine", 0);

          g_assert_cmpint (line, >, *water_line);
          *water_line = line;
          if ((phone == NULL
               || g_strcmp0 (json_object_get_string_member (msg, "phone"), phone) == 0)
              && strstr (content, needle) != NULL)
            return json_object_ref (msg);
        }
    }
  g_error ("No call message with %s for %s within %u ms", needle, phone ? phone : "any phone",
           timeout_ms);
  return NULL;
}
