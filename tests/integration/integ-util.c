/* integ-util.c — the integration suite's fixture: src/api's BbhClient against a real
 * babaihu-sandbox process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "integ-util.h"

/* Sandbox knobs (src/sandbox): short long polls and callbacks keep every test bounded. */
static const char * const sandbox_env[] = {
  "BABAIHU_SANDBOX_LONGPOLL_MS", "1000",
  "BABAIHU_SANDBOX_CALLBACK_RING_MS", "1500",
  "BABAIHU_SANDBOX_CALLBACK_TALK_MS", "1500",
};

/* ---- waiting ---- */

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
integ_spin_until (IntegCondition condition,
                  gpointer       user_data,
                  guint          timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);
  gboolean held;

  while (!(held = condition (user_data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return held;
}

static gboolean
flag_is_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
wait_flag (gboolean   *flag,
           guint       timeout_ms,
           const char *what)
{
  if (!integ_spin_until (flag_is_set, flag, timeout_ms))
    g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
}

void
integ_on_result_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  IntegFixture *f = user_data;

  g_clear_object (&f->result);
  f->result = g_object_ref (result);
  f->done = TRUE;
}

GAsyncResult *
integ_wait (IntegFixture *f)
{
  wait_flag (&f->done, INTEG_TIMEOUT_MS, "the server's answer");
  f->done = FALSE;
  return f->result;
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
  wait_flag (&read.done, 30000, "a line from the sandbox");
  g_assert_no_error (read.error);
  return read.line;
}

/* Whatever the sandbox prints later is read and dropped, so it never blocks on a full pipe. */
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

/* A failed assertion aborts the test: the sandbox must not outlive it (it holds the test's
 * stderr open, and the harness would wait for it until its timeout). */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_sandbox (IntegFixture *f)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *db = NULL;
  const char *binary = g_getenv ("BABAIHU_SANDBOX");

  if (binary == NULL)
    g_error ("BABAIHU_SANDBOX is not set: run the tests through meson test");

  f->scratch_dir = g_dir_make_tmp ("integ-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->scratch_dir, "sandbox.db", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sandbox_env); i += 2)
    g_subprocess_launcher_setenv (launcher, sandbox_env[i], sandbox_env[i + 1], TRUE);
  f->process = g_subprocess_launcher_spawn (launcher, &error, binary, "--demo", "--demo-size=200",
                                            "--db", db, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->process));
  first = read_line (out);
  g_assert_nonnull (first);
  /* The contract (DESIGN.md): the first line says where the API listens. */
  g_assert_true (g_str_has_prefix (first, "listening on http://127.0.0.1:"));
  f->url = g_strdup (first + strlen ("listening on "));

  /* This sandbox also prints a second line with the control API's own port. */
  second = read_line (out);
  if (second != NULL && g_str_has_prefix (second, "control on http://"))
    f->control_url = g_strdup (second + strlen ("control on "));
  else
    f->control_url = g_strdup (f->url);

  g_input_stream_read_bytes_async (G_INPUT_STREAM (out), 4096, G_PRIORITY_LOW, NULL,
                                   on_drain_cb, g_object_ref (out));

  f->session = soup_session_new_with_options ("timeout", 30, NULL);
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

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
stop_sandbox (IntegFixture *f)
{
  gboolean exited = FALSE;

  g_clear_object (&f->session);
  g_subprocess_send_signal (f->process, SIGTERM);
  g_subprocess_wait_async (f->process, NULL, on_exited_cb, &exited);
  wait_flag (&exited, 10000, "the sandbox to exit");
  g_assert_true (g_subprocess_get_if_exited (f->process));
  g_assert_cmpint (g_subprocess_get_exit_status (f->process), ==, 0);
  g_clear_object (&f->process);

  remove_tree (f->scratch_dir);
  g_clear_pointer (&f->scratch_dir, g_free);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->control_url, g_free);
}

/* ---- the fixture ---- */

BbhClient *
integ_client_new (IntegFixture *f,
                  const char   *account,
                  const char   *password)
{
  g_autofree char *md5 = bbh_password_md5 (password);

  return bbh_client_new (f->url, account, md5);
}

void
integ_set_up (IntegFixture  *f,
              gconstpointer  data)
{
  start_sandbox (f);
  f->agent = integ_client_new (f, INTEG_AGENT, INTEG_AGENT_PASSWORD);
  f->admin = integ_client_new (f, INTEG_ADMIN, INTEG_ADMIN_PASSWORD);
}

static gboolean
pointer_is_null (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

void
integ_assert_finalize (gpointer object)
{
  gpointer weak = object;

  g_assert_true (G_IS_OBJECT (object));
  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  /* A cancelled request still holds its client until its callback has run. */
  if (!integ_spin_until (pointer_is_null, &weak, 10000))
    g_error ("A %s was not finalised: something still holds it", G_OBJECT_TYPE_NAME (weak));
}

void
integ_tear_down (IntegFixture  *f,
                 gconstpointer  data)
{
  g_clear_object (&f->result);
  integ_assert_finalize (g_steal_pointer (&f->agent));
  integ_assert_finalize (g_steal_pointer (&f->admin));
  stop_sandbox (f);
}

/* ---- raw HTTP ---- */

typedef struct
{
  GBytes   *body;
  GError   *error;
  gboolean  done;
} Exchange;

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Exchange *exchange = user_data;

  exchange->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                      &exchange->error);
  exchange->done = TRUE;
}

static void
on_exit_seen_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  if (g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL))
    *(gboolean *) user_data = TRUE;
}

/* Whether the sandbox process has exited, or does within @timeout_ms: a request that failed
 * at the transport level is most often a sandbox that crashed, and the test says so. */
static gboolean
sandbox_exits_within (IntegFixture *f,
                      guint         timeout_ms)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean exited = FALSE;

  g_subprocess_wait_async (f->process, cancellable, on_exit_seen_cb, &exited);
  integ_spin_until (flag_is_set, &exited, timeout_ms);
  g_cancellable_cancel (cancellable);
  /* Let the cancelled wait report back before its flag goes out of scope. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return exited;
}

static GBytes *
exchange (IntegFixture *f,
          SoupMessage  *msg,
          guint        *out_status)
{
  Exchange ex = { 0 };

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &ex);
  wait_flag (&ex.done, INTEG_TIMEOUT_MS, "an HTTP answer");
  if (ex.error != NULL && f->process != NULL && sandbox_exits_within (f, 2000))
    g_error ("The sandbox died (wait status %d; its messages are above): %s",
             g_subprocess_get_status (f->process), ex.error->message);
  g_assert_no_error (ex.error);
  if (out_status != NULL)
    *out_status = soup_message_get_status (msg);
  return ex.body;
}

GBytes *
integ_http_get (IntegFixture *f,
                const char   *url,
                guint        *out_status)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  g_assert_nonnull (msg);
  return exchange (f, msg, out_status);
}

GBytes *
integ_http_post_form (IntegFixture *f,
                      const char   *url,
                      const char   *form,
                      guint        *out_status)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

  g_assert_nonnull (msg);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  return exchange (f, msg, out_status);
}

static JsonObject *
parse_object (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

JsonObject *
integ_control (IntegFixture *f,
               const char   *path,
               const char   *json)
{
  g_autofree char *url = g_strconcat (f->control_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (json ? "POST" : "GET", url);
  g_autoptr(GBytes) body = NULL;
  JsonObject *object;
  guint status;

  if (json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  body = exchange (f, msg, &status);
  object = parse_object (body);
  if (status != SOUP_STATUS_OK || object == NULL)
    g_error ("Control %s answered %u: %.*s", path, status, (int) g_bytes_get_size (body),
             (const char *) g_bytes_get_data (body, NULL));
  return object;
}

gint64
integ_json_int (JsonObject *object,
                const char *name,
                gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                     &value, NULL) ? value : fallback;
  return json_node_get_int (node);
}

gint64
integ_script_call (IntegFixture *f,
                   const char   *account,
                   const char   *phone,
                   gboolean      outgoing,
                   guint         ring_ms,
                   guint         talk_ms,
                   gboolean      record)
{
  g_autofree char *json = g_strdup_printf ("{\"extension\":\"%s\",\"phone\":\"%s\","
                                           "\"direction\":\"%s\",\"ring_ms\":%u,"
                                           "\"talk_ms\":%u,\"record\":%s}",
                                           account, phone, outgoing ? "out" : "in", ring_ms,
                                           talk_ms, record ? "true" : "false");
  g_autoptr(JsonObject) answer = integ_control (f, "/sandbox/call", json);
  gint64 cdr_id = integ_json_int (answer, "cdrId", 0);

  g_assert_cmpint (cdr_id, >, 0);
  return cdr_id;
}

void
integ_fault (IntegFixture *f,
             const char   *mode,
             guint         ms)
{
  g_autofree char *json = g_strdup_printf ("{\"mode\":\"%s\",\"ms\":%u}", mode, ms);
  g_autoptr(JsonObject) answer = integ_control (f, "/sandbox/fault", json);
}

JsonObject *
integ_last_request (IntegFixture *f,
                    const char   *method)
{
  g_autoptr(JsonObject) log = integ_control (f, "/sandbox/requests", NULL);
  JsonArray *requests = json_object_get_array_member (log, "requests");
  JsonObject *found = NULL;

  g_assert_nonnull (requests);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "method", ""), method) == 0
          && json_object_has_member (entry, "params"))
        found = json_object_get_object_member (entry, "params");
    }
  return found ? json_object_ref (found) : NULL;
}

gboolean
integ_sandbox_has_method (IntegFixture *f,
                          const char   *method)
{
  g_autofree char *md5 = bbh_password_md5 (INTEG_ADMIN_PASSWORD);
  g_autofree char *escaped = g_uri_escape_string (method, NULL, TRUE);
  g_autofree char *url = g_strdup_printf ("%s/voip/api/jsondata.html?sa_user=%s&sa_password=%s"
                                          "&method=%s", f->url, INTEG_ADMIN, md5, escaped);
  g_autoptr(GBytes) body = integ_http_get (f, url, NULL);
  g_autoptr(JsonObject) answer = parse_object (body);
  g_autofree char *skip = NULL;
  const char *message;

  if (answer == NULL)
    return TRUE;   /* not what an unknown method looks like: let the test find out */
  message = json_object_get_string_member_with_default (answer, "message", "");
  if (strstr (message, "unknown method") == NULL)
    return TRUE;

  skip = g_strdup_printf ("babaihu-sandbox does not implement %s yet (it answers \"%s\")",
                          method, message);
  g_test_skip (skip);
  return FALSE;
}

char *
integ_unique_phone (void)
{
  static guint counter;

  /* 147 is a mobile prefix the demo seed never gives its customers. */
  return g_strdup_printf ("147%04u%04u", (guint) (getpid () % 10000), ++counter % 10000);
}

/* ---- the event stream, recorded ---- */

static void
on_event_cb (BbhEventStream *stream,
             BbhEvent       *event,
             IntegEvents    *events)
{
  g_test_message ("event: kind %d phone %s content %s watermark %" G_GINT64_FORMAT,
                  bbh_event_get_kind (event), bbh_event_get_phone (event),
                  bbh_event_get_content (event), bbh_event_get_watermark (event));
  g_ptr_array_add (events->events, g_object_ref (event));
}

static void
on_error_cb (BbhEventStream *stream,
             const GError   *error,
             IntegEvents    *events)
{
  g_test_message ("event stream error: %s", error->message);
  g_ptr_array_add (events->errors, g_error_copy (error));
}

static void
on_connected_cb (BbhEventStream *stream,
                 GParamSpec     *pspec,
                 IntegEvents    *events)
{
  if (!bbh_event_stream_get_connected (stream))
    events->n_disconnects++;
}

static gboolean
stream_is_connected (gpointer user_data)
{
  return bbh_event_stream_get_connected (user_data);
}

IntegEvents *
integ_events_start (BbhClient *client)
{
  return integ_events_start_with (client, BBH_EVENT_TRANSPORT_AUTO, 1000, 0);
}

IntegEvents *
integ_events_start_with (BbhClient         *client,
                         BbhEventTransport  transport,
                         guint              poll_interval,
                         gint64             watermark)
{
  IntegEvents *events = g_new0 (IntegEvents, 1);

  events->events = g_ptr_array_new_with_free_func (g_object_unref);
  events->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  events->stream = bbh_event_stream_new (client);
  bbh_event_stream_set_jitter (events->stream, FALSE);
  bbh_event_stream_set_transport (events->stream, transport);
  bbh_event_stream_set_poll_interval (events->stream, poll_interval);
  if (watermark > 0)
    bbh_event_stream_set_watermark (events->stream, watermark);
  g_signal_connect (events->stream, "event", G_CALLBACK (on_event_cb), events);
  g_signal_connect (events->stream, "error", G_CALLBACK (on_error_cb), events);
  g_signal_connect (events->stream, "notify::connected", G_CALLBACK (on_connected_cb), events);
  bbh_event_stream_start (events->stream);
  if (!integ_spin_until (stream_is_connected, events->stream, INTEG_TIMEOUT_MS))
    g_error ("The event stream did not connect to the sandbox");
  return events;
}

void
integ_events_free (IntegEvents *events)
{
  if (events == NULL)
    return;
  bbh_event_stream_stop (events->stream);
  g_signal_handlers_disconnect_by_data (events->stream, events);
  integ_assert_finalize (g_steal_pointer (&events->stream));
  g_ptr_array_unref (events->events);
  g_ptr_array_unref (events->errors);
  g_free (events);
}

static gboolean
is_step (BbhEvent  *event,
         IntegStep  step)
{
  switch (step)
    {
    case INTEG_STEP_RING:
      return bbh_event_is_ringing (event);
    case INTEG_STEP_ANSWER:
      return bbh_event_is_answered (event);
    case INTEG_STEP_HANGUP:
      return bbh_event_is_hangup (event);
    default:
      g_assert_not_reached ();
    }
}

static BbhEvent *
find_event (IntegEvents *events,
            const char  *phone,
            IntegStep    step)
{
  for (guint i = 0; i < events->events->len; i++)
    {
      BbhEvent *event = g_ptr_array_index (events->events, i);

      if (bbh_event_is_call (event) && g_strcmp0 (bbh_event_get_phone (event), phone) == 0
          && is_step (event, step))
        return event;
    }
  return NULL;
}

typedef struct
{
  IntegEvents *events;
  const char  *phone;
  IntegStep    step;
} EventWait;

static gboolean
event_arrived (gpointer user_data)
{
  EventWait *wait = user_data;

  return find_event (wait->events, wait->phone, wait->step) != NULL;
}

BbhEvent *
integ_events_wait (IntegEvents *events,
                   const char  *phone,
                   IntegStep    step,
                   guint        timeout_ms)
{
  static const char * const names[] = { "ringing", "answered", "hang-up" };
  EventWait wait = { events, phone, step };

  if (!integ_spin_until (event_arrived, &wait, timeout_ms))
    g_error ("No %s event for %s within %u ms (%u events so far)", names[step], phone,
             timeout_ms, events->events->len);
  return find_event (events, phone, step);
}

guint
integ_events_count (IntegEvents *events,
                    const char  *phone,
                    IntegStep    step)
{
  guint n = 0;

  for (guint i = 0; i < events->events->len; i++)
    {
      BbhEvent *event = g_ptr_array_index (events->events, i);

      if (bbh_event_is_call (event) && g_strcmp0 (bbh_event_get_phone (event), phone) == 0
          && is_step (event, step))
        n++;
    }
  return n;
}

typedef struct
{
  IntegEvents *events;
  const char  *phone;
  int          kind;
  BbhEvent    *found;
} KindWait;

static gboolean
kind_arrived (gpointer user_data)
{
  KindWait *wait = user_data;

  for (guint i = 0; i < wait->events->events->len; i++)
    {
      BbhEvent *event = g_ptr_array_index (wait->events->events, i);

      if (bbh_event_get_kind (event) == wait->kind
          && g_strcmp0 (bbh_event_get_phone (event), wait->phone) == 0)
        {
          wait->found = event;
          return TRUE;
        }
    }
  return FALSE;
}

BbhEvent *
integ_events_wait_kind (IntegEvents *events,
                        const char  *phone,
                        int          kind,
                        guint        timeout_ms)
{
  KindWait wait = { events, phone, kind, NULL };

  if (!integ_spin_until (kind_arrived, &wait, timeout_ms))
    g_error ("No kind %d message for %s within %u ms", kind, phone, timeout_ms);
  return wait.found;
}

static void
on_tick_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

gboolean
integ_poll_until (IntegFixture *f,
                  IntegProbe    probe,
                  gpointer      user_data,
                  guint         interval_ms,
                  guint         timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!probe (f, user_data))
    {
      gboolean tick = FALSE;

      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_timeout_add_once (interval_ms, on_tick_cb, &tick);
      wait_flag (&tick, interval_ms + INTEG_TIMEOUT_MS, "the next look");
    }
  return TRUE;
}
