/* test-fault-matrix.c — every fault the network can throw, during every kind of work
 *
 * Faults: the server down, slow answers (5 s), garbage bodies, an HTML 502 page, connection
 * resets (the sandbox's /sandbox/fault), a server name that does not resolve (`.invalid`) and a
 * certificate that does not verify (a local HTTPS SoupServer with a self-signed certificate).
 * Work: logging in, the event stream, a memo saved through the outbox, the customer list's
 * first page, a callback and a recording download — the real AgentSession, AgentOutbox,
 * AgentPagedModel and BbhEventStream objects, in process, against a real babaihu-sandbox.
 *
 * For each fault the test asserts what an agent would notice:
 * - the application stays responsive: a 10 ms timeout never waits 100 ms or more;
 * - every failure is told in words (the text the UI shows: the login page's message, the
 *   outbox's and the stream's last error, the list's error page, the toast);
 * - it recovers by itself within 2 s of the server coming back (the stream and the outbox),
 *   and what the agent starts again (login, list, callback, download) works at once;
 * - afterwards every event the server produced was delivered exactly once, and every write is
 *   on the server exactly once.
 * test-fault-app.c runs the whole application under the same faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "agent-login-page.h"
#include "agent-outbox.h"
#include "agent-paged-model.h"
#include "agent-session.h"
#include "bbh-tls.h"
#include "reliab-util.h"

/* How long a sandbox fault lasts: the stream's back-off (1 s, 2 s) then comes back within
 * RELIAB_RECOVERY_MS of its end. */
#define FAULT_MS        2000
#define SLOW_MS         5000

typedef enum
{
  FAULT_SANDBOX,     /* /sandbox/fault */
  FAULT_DNS,         /* the client points at a name that does not resolve */
  FAULT_TLS,         /* the client points at a server whose certificate does not verify */
} FaultKind;

typedef struct
{
  const char *name;
  FaultKind   kind;
  const char *mode;      /* the sandbox's mode */
  gboolean    fails;     /* requests fail (all but "slow") */
  guint       hold_ms;   /* how long the sandbox holds a long poll; 0: a second */
} Fault;

static const Fault faults[] = {
  { "down",    FAULT_SANDBOX, "down",    TRUE },
  { "slow",    FAULT_SANDBOX, "slow",    FALSE },
  { "garbage", FAULT_SANDBOX, "garbage", TRUE },
  { "http502", FAULT_SANDBOX, "http500", TRUE },
  { "reset",   FAULT_SANDBOX, "reset",   TRUE },
  /* A server that holds long polls as long as a real one: back within 2 s all the same. */
  { "down-held-long-poll", FAULT_SANDBOX, "down", TRUE, 25000 },
  { "dns",     FAULT_DNS,     NULL,      TRUE },
  { "tls",     FAULT_TLS,     NULL,      TRUE },
};

/* One piece of work and how it ended. */
typedef struct
{
  const char *what;
  gboolean    done;
  GError     *error;
  double      started_ms;
  double      finished_ms;
  gint64      value;
} Op;

typedef struct
{
  char  *phone;
  int    kind;
  int    status;
  gint64 time_ms;
  gint64 watermark;
} SeenEvent;

typedef struct
{
  IntegFixture      f;
  const Fault      *fault;
  ReliabStallProbe *probe;
  char             *dir;
  AgentSession     *session;      /* logged in before the fault, its stream running */
  AgentOutbox      *outbox;
  GArray           *events;       /* SeenEvent */
  guint             stream_errors;
  guint             n_delivered;  /* the outbox's "delivered" signals */
  double            login_ms;     /* when the session logged in */
} Matrix;

/* ---- small things ---- */

static void
op_start (Op         *op,
          const char *what)
{
  memset (op, 0, sizeof *op);
  op->what = what;
  op->started_ms = reliab_now_ms ();
}

static void
op_finish (Op     *op,
           GError *error)
{
  g_assert_false (op->done);
  op->done = TRUE;
  op->error = error;
  op->finished_ms = reliab_now_ms ();
}

static void
op_clear (Op *op)
{
  g_clear_error (&op->error);
}

static gboolean
op_is_done (gpointer user_data)
{
  return ((Op *) user_data)->done;
}

static void
op_wait (Op    *op,
         guint  timeout_ms)
{
  g_autofree char *what = g_strdup_printf ("%s to end", op->what);

  reliab_wait (op_is_done, op, timeout_ms, what);
}

/* A failure the agent sees, in words; @shown is the text the UI puts on screen for it. */
static void
assert_failed_in_words (Op         *op,
                        const char *shown)
{
  if (op->error == NULL)
    g_error ("%s succeeded under the fault", op->what);
  g_test_message ("%s failed after %.0f ms: %s", op->what, op->finished_ms - op->started_ms,
                  shown);
  reliab_assert_words (op->what, shown);
}

static void
assert_succeeded (Op *op)
{
  if (op->error != NULL)
    g_error ("%s failed: %s", op->what, op->error->message);
}

static gboolean
session_connected (gpointer user_data)
{
  return agent_session_get_connected (user_data);
}

static gboolean
session_disconnected (gpointer user_data)
{
  return !agent_session_get_connected (user_data);
}

static gboolean
outbox_is_empty (gpointer user_data)
{
  return agent_outbox_get_pending (user_data) == 0;
}

static gboolean
outbox_delivered_all (gpointer user_data)
{
  Matrix *m = user_data;

  return m->n_delivered > 0 && agent_outbox_get_pending (m->outbox) == 0
         && agent_outbox_get_failed (m->outbox) == 0;
}

static gboolean
outbox_stalled_or_failed (gpointer user_data)
{
  return agent_outbox_get_stalled (user_data) || agent_outbox_get_failed (user_data) > 0;
}

static void
on_call_event_cb (AgentSession *session,
                  BbhEvent     *event,
                  Matrix       *m)
{
  SeenEvent seen = {
    g_strdup (bbh_event_get_phone (event)), bbh_event_get_kind (event),
    bbh_event_get_status (event), bbh_event_get_time_ms (event),
    bbh_event_get_watermark (event),
  };

  g_array_append_val (m->events, seen);
}

static void
clear_seen_event (gpointer data)
{
  g_free (((SeenEvent *) data)->phone);
}

/* ---- the work ---- */

static void
on_login_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(BbhExtension) extension = agent_session_login_finish (AGENT_SESSION (object), result,
                                                                  &error);

  op_finish (user_data, error);
}

static AgentSession *
start_login (Op         *op,
             const char *url)
{
  AgentSession *session = agent_session_new (NULL);
  g_autofree char *md5 = bbh_password_md5 (INTEG_AGENT_PASSWORD);

  op_start (op, "login");
  agent_session_login_async (session, url, INTEG_AGENT, md5, NULL, on_login_cb, op);
  return session;
}

static void
on_logout_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  agent_session_logout_finish (AGENT_SESSION (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
end_session (AgentSession *session)
{
  gboolean done = FALSE;

  agent_session_logout_async (session, on_logout_cb, &done);
  reliab_wait (flag_set, &done, 10000, "the logout");
  integ_assert_finalize (session);
}

static void
customers_fetch_cb (guint                start,
                    guint                limit,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             callback_data,
                    gpointer             user_data)
{
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();

  bbh_customer_query_set_page (query, start, limit);
  bbh_client_get_customers_page_async (user_data, query, cancellable, callback, callback_data);
}

static GListModel *
customers_finish_cb (GAsyncResult  *result,
                     guint64       *out_total,
                     GError       **error,
                     gpointer       user_data)
{
  return bbh_client_get_customers_page_finish (user_data, result, out_total, error);
}

static void
on_model_error_cb (AgentPagedModel *model,
                   GError          *error,
                   Op              *op)
{
  if (!op->done)
    op_finish (op, g_error_copy (error));
}

static void
on_model_loaded_cb (AgentPagedModel *model,
                    GParamSpec      *pspec,
                    Op              *op)
{
  /* A failed first page also counts as loaded (empty); the error signal follows it. */
  if (!op->done && agent_paged_model_get_loaded (model)
      && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    op_finish (op, NULL);
}

/* The customer list as the customers page has it: a paged model over getCustomersPage. */
static AgentPagedModel *
customers_model_new (BbhClient *client,
                     Op        *op)
{
  AgentPagedModel *model = agent_paged_model_new (BBH_TYPE_CUSTOMER, 50);

  agent_paged_model_set_fetch_func (model, customers_fetch_cb, customers_finish_cb,
                                    g_object_ref (client), g_object_unref);
  g_signal_connect (model, "error", G_CALLBACK (on_model_error_cb), op);
  g_signal_connect (model, "notify::loaded", G_CALLBACK (on_model_loaded_cb), op);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (on_model_loaded_cb), op);
  return model;
}

static void
load_customers (AgentPagedModel *model,
                Op              *op)
{
  op_start (op, "the customer list");
  agent_paged_model_reload (model);
}

static void
on_callback_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Op *op = user_data;
  GError *error = NULL;
  gint64 id = bbh_client_callback_phone_finish (BBH_CLIENT (object), result, &error);

  op->value = id;
  op_finish (op, error);
}

static void
start_callback (Op         *op,
                BbhClient  *client,
                const char *phone)
{
  op_start (op, "the callback");
  bbh_client_callback_phone_async (client, INTEG_AGENT, phone, NULL, NULL, NULL,
                                   on_callback_cb, op);
}

static void
on_download_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError *error = NULL;

  bbh_client_download_finish (BBH_CLIENT (object), result, &error);
  op_finish (user_data, error);
}

static void
start_download (Op         *op,
                BbhClient  *client,
                gint64      cdr_id,
                const char *dest)
{
  g_autofree char *url = bbh_client_dup_mp3_url (client, cdr_id);
  g_autoptr(GFile) file = g_file_new_for_path (dest);

  op_start (op, "the recording download");
  bbh_client_download_async (client, url, file, NULL, NULL, NULL, NULL, on_download_cb, op);
}

static void
on_opened_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError *error = NULL;
  AgentOutbox *outbox = agent_outbox_new_finish (result, &error);

  g_assert_no_error (error);
  *(AgentOutbox **) user_data = outbox;
}

static gboolean
pointer_set (gpointer user_data)
{
  return *(gpointer *) user_data != NULL;
}

static void
on_memo_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GError *error = NULL;
  Op *op = user_data;

  op->value = agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error);
  op_finish (op, error);
}

static void
add_memo (Matrix     *m,
          const char *phone,
          const char *text)
{
  Op op;

  op_start (&op, "committing the memo");
  agent_outbox_add_memo_async (m->outbox, phone, text, NULL, NULL, on_memo_added_cb, &op);
  op_wait (&op, 10000);
  assert_succeeded (&op);
  g_assert_cmpint (op.value, >, 0);
}

static guint
count_events (Matrix     *m,
              const char *phone,
              IntegStep   step)
{
  guint n = 0;

  for (guint i = 0; i < m->events->len; i++)
    {
      SeenEvent *e = &g_array_index (m->events, SeenEvent, i);
      gboolean match;

      if (g_strcmp0 (e->phone, phone) != 0 || (e->kind != 1 && e->kind != 2))
        continue;
      switch (step)
        {
        case INTEG_STEP_RING:   match = e->status == 0; break;
        case INTEG_STEP_ANSWER: match = e->status == 1; break;
        default:                match = e->status == 2 || e->status == 3; break;
        }
      n += match;
    }
  return n;
}

typedef struct
{
  Matrix     *m;
  const char *phone;
} HungUp;

static gboolean
call_hung_up (gpointer user_data)
{
  HungUp *h = user_data;

  return count_events (h->m, h->phone, INTEG_STEP_HANGUP) > 0;
}

static void
wait_hung_up (Matrix     *m,
              const char *phone)
{
  HungUp h = { m, phone };
  g_autofree char *what = g_strdup_printf ("the hang-up of %s", phone);

  reliab_wait (call_hung_up, &h, 20000, what);
}

/* Every event the server holds for the agent since the login was delivered once, and no
 * event twice: the server's own list (recvMsg from the start) against what was delivered. */
static void
assert_events_exactly_once (Matrix            *m,
                            const char * const *phones)
{
  g_autoptr(GHashTable) delivered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(BbhClient) reader = integ_client_new (&m->f, INTEG_AGENT, INTEG_AGENT_PASSWORD);
  gint64 water = 0;
  guint n_server = 0;

  for (guint i = 0; i < m->events->len; i++)
    {
      SeenEvent *e = &g_array_index (m->events, SeenEvent, i);
      g_autofree char *key = g_strdup_printf ("%s|%d|%d|%" G_GINT64_FORMAT, e->phone, e->kind,
                                              e->status, e->time_ms);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (delivered, key));

      if (n > 0)
        g_error ("Event %s was delivered twice", key);
      g_hash_table_insert (delivered, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
    }

  for (;;)
    {
      g_autoptr(GListModel) page = NULL;
      g_autoptr(GError) error = NULL;
      gint64 next = water;

      bbh_client_recv_msg_async (reader, water, 100, NULL, integ_on_result_cb, &m->f);
      page = bbh_client_recv_msg_finish (reader, integ_wait (&m->f), &next, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (page); i++)
        {
          g_autoptr(BbhEvent) event = g_list_model_get_item (page, i);
          g_autofree char *key = NULL;

          next = MAX (next, bbh_event_get_watermark (event));
          if (!bbh_event_is_call (event) || !g_strv_contains (phones, bbh_event_get_phone (event)))
            continue;
          key = g_strdup_printf ("%s|%d|%d|%" G_GINT64_FORMAT, bbh_event_get_phone (event),
                                 bbh_event_get_kind (event), bbh_event_get_status (event),
                                 bbh_event_get_time_ms (event));
          if (!g_hash_table_contains (delivered, key))
            g_error ("The server's event %s was never delivered", key);
          n_server++;
        }
      if (g_list_model_get_n_items (page) == 0 || next <= water)
        break;
      water = next;
    }

  g_clear_object (&m->f.result);
  integ_assert_finalize (g_steal_pointer (&reader));
  /* Three steps a call. */
  g_assert_cmpuint (n_server, ==, 3 * g_strv_length ((char **) phones));
  for (guint i = 0; phones[i] != NULL; i++)
    {
      g_assert_cmpuint (count_events (m, phones[i], INTEG_STEP_RING), ==, 1);
      g_assert_cmpuint (count_events (m, phones[i], INTEG_STEP_ANSWER), ==, 1);
      g_assert_cmpuint (count_events (m, phones[i], INTEG_STEP_HANGUP), ==, 1);
    }
}

/* ---- fixture ---- */

static void
count_delivered (Matrix *m)
{
  m->n_delivered++;
}

static void
matrix_set_up (Matrix        *m,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  Op login;

  m->fault = data;
  if (m->fault->hold_ms > 0)
    reliab_set_up_holding (&m->f, m->fault->hold_ms);
  else
    integ_set_up (&m->f, NULL);
  m->dir = g_dir_make_tmp ("reliab-XXXXXX", &error);
  g_assert_no_error (error);
  m->events = g_array_new (FALSE, TRUE, sizeof (SeenEvent));
  g_array_set_clear_func (m->events, clear_seen_event);

  m->session = start_login (&login, m->f.url);
  op_wait (&login, INTEG_TIMEOUT_MS);
  assert_succeeded (&login);
  g_signal_connect (m->session, "call-event", G_CALLBACK (on_call_event_cb), m);
  reliab_wait (session_connected, m->session, INTEG_TIMEOUT_MS, "the event stream");
  m->login_ms = reliab_now_ms ();

  db = g_build_filename (m->dir, "outbox.db", NULL);
  agent_outbox_new_async (db, NULL, on_opened_cb, &m->outbox);
  reliab_wait (pointer_set, &m->outbox, 10000, "the outbox to open");
  agent_outbox_set_client (m->outbox, agent_session_get_client (m->session));
  g_signal_connect_swapped (m->outbox, "delivered", G_CALLBACK (count_delivered), m);

  m->probe = reliab_stall_probe_new ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
close_outbox (AgentOutbox *outbox)
{
  agent_outbox_set_client (outbox, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  integ_assert_finalize (outbox);
}

static void
matrix_tear_down (Matrix        *m,
                  gconstpointer  data)
{
  g_clear_pointer (&m->probe, reliab_stall_probe_free);
  close_outbox (g_steal_pointer (&m->outbox));
  g_signal_handlers_disconnect_by_data (m->session, m);
  end_session (g_steal_pointer (&m->session));
  g_clear_pointer (&m->events, g_array_unref);
  remove_tree (m->dir);
  g_clear_pointer (&m->dir, g_free);
  integ_tear_down (&m->f, NULL);
}

/* ---- a sandbox fault: the server misbehaves, then comes back ---- */

static void
sandbox_fault (Matrix *m)
{
  g_autofree char *json = g_strdup_printf ("{\"mode\":\"%s\",\"delay_ms\":%u}", m->fault->mode,
                                           SLOW_MS);
  g_autoptr(JsonObject) answer = integ_control (&m->f, "/sandbox/fault", json);

  if (g_str_equal (m->fault->mode, "down"))
    reliab_wait_api_down (&m->f);
}

static void
test_sandbox_fault (Matrix        *m,
                    gconstpointer  data)
{
  const Fault *fault = m->fault;
  g_autofree char *before = integ_unique_phone ();
  g_autofree char *during = integ_unique_phone ();
  g_autofree char *after = integ_unique_phone ();
  g_autofree char *memo_phone = integ_unique_phone ();
  g_autofree char *callback_phone = integ_unique_phone ();
  g_autofree char *memo_text = g_strdup_printf ("Under the %s fault: call back after 3 pm",
                                                fault->name);
  g_autofree char *dest = g_build_filename (m->dir, "recording.mp3", NULL);
  g_autoptr(AgentPagedModel) customers = NULL;
  g_autoptr(AgentSession) login_session = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  BbhClient *client = agent_session_get_client (m->session);
  Op login, list, callback, download;
  gint64 cdr_id;
  double fault_started;
  gboolean was_disconnected;

  /* A recorded call before the fault: its recording is what gets downloaded. */
  cdr_id = integ_script_call (&m->f, INTEG_AGENT, before, FALSE, 100, 300, TRUE);
  wait_hung_up (m, before);

  reliab_stall_probe_reset (m->probe);
  sandbox_fault (m);
  fault_started = reliab_now_ms ();

  /* A call rings while the server misbehaves — except where the test is how soon the stream
   * sees the server back with nothing to tell it (a held long poll answers only then). */
  if (fault->hold_ms == 0)
    integ_script_call (&m->f, INTEG_AGENT, during, FALSE, 200, 300, FALSE);

  /* All the work at once, as an agent's day would have it. */
  login_session = start_login (&login, m->f.url);
  add_memo (m, memo_phone, memo_text);
  customers = customers_model_new (client, &list);
  load_customers (customers, &list);
  start_callback (&callback, client, callback_phone);
  start_download (&download, client, cdr_id, dest);

  if (fault->fails)
    {
      g_autofree char *login_text = NULL;

      op_wait (&login, INTEG_TIMEOUT_MS);
      login_text = agent_login_error_describe (login.error, m->f.url);
      assert_failed_in_words (&login, login.error ? login_text : NULL);
      op_wait (&list, INTEG_TIMEOUT_MS);
      assert_failed_in_words (&list, list.error ? list.error->message : NULL);
      op_wait (&callback, INTEG_TIMEOUT_MS);
      assert_failed_in_words (&callback, callback.error ? callback.error->message : NULL);
      op_wait (&download, INTEG_TIMEOUT_MS);
      assert_failed_in_words (&download, download.error ? download.error->message : NULL);
      /* A failed download leaves nothing half-written behind. */
      g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

      reliab_wait (outbox_stalled_or_failed, m->outbox, INTEG_TIMEOUT_MS, "the outbox to stall");
      g_assert_cmpuint (agent_outbox_get_failed (m->outbox), ==, 0);
      reliab_assert_words ("the outbox's error", agent_outbox_get_last_error (m->outbox));

      reliab_wait (session_disconnected, m->session, INTEG_TIMEOUT_MS,
                   "the stream to notice the fault");
      reliab_assert_words ("the event stream's error",
                           bbh_event_stream_get_last_error (
                             agent_session_get_event_stream (m->session))->message);

      /* The fault lasts its time, whatever the work above took. */
      if (reliab_now_ms () < fault_started + FAULT_MS)
        reliab_spin_for (fault_started + FAULT_MS - reliab_now_ms ());
    }
  else
    {
      /* Slow answers are answers: everything succeeds, later, and nothing freezes. */
      op_wait (&login, SLOW_MS + INTEG_TIMEOUT_MS);
      assert_succeeded (&login);
      g_assert_cmpfloat (login.finished_ms - login.started_ms, >=, SLOW_MS - 500);
      op_wait (&list, SLOW_MS + INTEG_TIMEOUT_MS);
      assert_succeeded (&list);
      op_wait (&callback, SLOW_MS + INTEG_TIMEOUT_MS);
      assert_succeeded (&callback);
      op_wait (&download, SLOW_MS + INTEG_TIMEOUT_MS);
      assert_succeeded (&download);
      reliab_wait (outbox_is_empty, m->outbox, SLOW_MS + INTEG_TIMEOUT_MS, "the slow memo");
    }

  was_disconnected = !agent_session_get_connected (m->session);
  integ_fault (&m->f, "none", 0);

  /* By itself: the stream reconnects and the outbox delivers, within 2 s of the server's
   * return. */
  if (was_disconnected)
    {
      double took = reliab_wait (session_connected, m->session, INTEG_TIMEOUT_MS,
                                 "the stream to come back");

      g_test_message ("%s: the stream was back %.0f ms after the server", fault->name, took);
      g_assert_cmpfloat (took, <=, RELIAB_RECOVERY_MS);
    }
  {
    double took = reliab_wait (outbox_is_empty, m->outbox, INTEG_TIMEOUT_MS,
                               "the outbox to deliver");

    g_test_message ("%s: the outbox was empty %.0f ms after the server came back", fault->name,
                    took);
    g_assert_cmpfloat (took, <=, RELIAB_RECOVERY_MS);
  }

  /* What the agent starts again works at once. */
  if (fault->fails)
    {
      g_clear_object (&login_session);
      op_clear (&login);
      login_session = start_login (&login, m->f.url);
      op_wait (&login, RELIAB_RECOVERY_MS);
      assert_succeeded (&login);

      op_clear (&list);
      load_customers (customers, &list);
      op_wait (&list, RELIAB_RECOVERY_MS);
      assert_succeeded (&list);

      op_clear (&callback);
      start_callback (&callback, client, callback_phone);
      op_wait (&callback, RELIAB_RECOVERY_MS);
      assert_succeeded (&callback);

      op_clear (&download);
      start_download (&download, client, cdr_id, dest);
      op_wait (&download, RELIAB_RECOVERY_MS + 3000);
      assert_succeeded (&download);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (customers)), >, 0);
  g_assert_cmpint (callback.value, >, 0);
  {
    g_autoptr(GFile) file = g_file_new_for_path (dest);
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);

    g_assert_nonnull (info);
    g_assert_cmpint (g_file_info_get_size (info), >, 0);
  }

  integ_script_call (&m->f, INTEG_AGENT, after, FALSE, 100, 200, FALSE);
  if (fault->hold_ms == 0)
    wait_hung_up (m, during);
  wait_hung_up (m, after);

  reliab_stall_probe_check (m->probe, fault->name);

  /* Exactly once: events, the memo, the callback. */
  {
    const char * const phones[] = { before, after, fault->hold_ms == 0 ? during : NULL, NULL };

    assert_events_exactly_once (m, phones);
  }
  memos = reliab_server_memos (&m->f, memo_phone);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (memos, 0), ==, memo_text);
  g_assert_cmpuint (reliab_server_callbacks_to (&m->f, callback_phone), ==, 1);

  op_clear (&login);
  op_clear (&list);
  op_clear (&callback);
  op_clear (&download);
  end_session (g_steal_pointer (&login_session));
  integ_assert_finalize (g_steal_pointer (&customers));
}

/* ---- a wrong address: the name does not resolve, or the certificate does not verify ---- */

static void
on_stream_error_cb (BbhEventStream *stream,
                    const GError   *error,
                    Op             *op)
{
  if (!op->done)
    op_finish (op, g_error_copy (error));
}

static void
test_bad_address (Matrix        *m,
                  gconstpointer  data)
{
  const Fault *fault = m->fault;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) tls_server = NULL;
  g_autofree char *url = NULL;
  g_autofree char *md5 = bbh_password_md5 (INTEG_AGENT_PASSWORD);
  g_autofree char *memo_phone = integ_unique_phone ();
  g_autofree char *callback_phone = integ_unique_phone ();
  g_autofree char *memo_text = g_strdup_printf ("Written while the %s was wrong", fault->name);
  g_autofree char *dest = g_build_filename (m->dir, "recording.mp3", NULL);
  g_autoptr(BbhClient) bad = NULL;
  g_autoptr(BbhEventStream) stream = NULL;
  g_autoptr(AgentPagedModel) customers = NULL;
  g_autoptr(AgentSession) login_session = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *login_text = NULL;
  guint tls_requests = 0;
  Op login, events, list, callback, download;
  double back;

  if (fault->kind == FAULT_TLS)
    {
      certificate = reliab_self_signed_certificate (m->dir, &error);
      if (certificate == NULL)
        {
          g_test_skip (error->message);
          return;
        }
      tls_server = reliab_tls_server_new (certificate, &url, &tls_requests);
    }
  else
    url = g_strdup ("http://babaihu-reliability-test.invalid:8081");

  reliab_stall_probe_reset (m->probe);
  bad = bbh_client_new (url, INTEG_AGENT, md5);

  login_session = start_login (&login, url);
  op_wait (&login, INTEG_TIMEOUT_MS);
  login_text = agent_login_error_describe (login.error, url);
  assert_failed_in_words (&login, login.error ? login_text : NULL);
  g_assert_true (g_error_matches (login.error, BBH_ERROR,
                                  fault->kind == FAULT_TLS ? BBH_ERROR_TLS
                                                           : BBH_ERROR_UNREACHABLE));
  g_assert_false (agent_session_get_logged_in (login_session));

  op_start (&events, "the event stream");
  stream = bbh_event_stream_new (bad);
  g_signal_connect (stream, "error", G_CALLBACK (on_stream_error_cb), &events);
  bbh_event_stream_start (stream);
  op_wait (&events, INTEG_TIMEOUT_MS);
  assert_failed_in_words (&events, events.error ? events.error->message : NULL);
  g_assert_false (bbh_event_stream_get_connected (stream));
  bbh_event_stream_stop (stream);
  g_signal_handlers_disconnect_by_data (stream, &events);

  customers = customers_model_new (bad, &list);
  load_customers (customers, &list);
  op_wait (&list, INTEG_TIMEOUT_MS);
  assert_failed_in_words (&list, list.error ? list.error->message : NULL);

  start_callback (&callback, bad, callback_phone);
  op_wait (&callback, INTEG_TIMEOUT_MS);
  assert_failed_in_words (&callback, callback.error ? callback.error->message : NULL);

  start_download (&download, bad, 1, dest);
  op_wait (&download, INTEG_TIMEOUT_MS);
  assert_failed_in_words (&download, download.error ? download.error->message : NULL);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

  /* A memo written meanwhile waits, said in words. A wrong address is not the memo's fault:
   * it is not set aside as failed (which would need "retry failed" later), it waits. */
  agent_outbox_set_client (m->outbox, bad);
  add_memo (m, memo_phone, memo_text);
  reliab_wait (outbox_stalled_or_failed, m->outbox, INTEG_TIMEOUT_MS, "the outbox to stall");
  g_assert_cmpuint (agent_outbox_get_failed (m->outbox), ==, 0);
  g_assert_true (agent_outbox_get_stalled (m->outbox));
  g_assert_cmpuint (agent_outbox_get_pending (m->outbox), ==, 1);
  reliab_assert_words ("the outbox's error", agent_outbox_get_last_error (m->outbox));

  /* Nothing reached a server whose certificate did not verify: no password went there. */
  if (fault->kind == FAULT_TLS)
    g_assert_cmpuint (tls_requests, ==, 0);

  /* The right address: the memo goes out once, by itself, the callback works. */
  agent_outbox_set_client (m->outbox, agent_session_get_client (m->session));
  back = reliab_now_ms ();
  reliab_wait (outbox_delivered_all, m, INTEG_TIMEOUT_MS, "the outbox to deliver");
  g_assert_cmpfloat (reliab_now_ms () - back, <=, RELIAB_RECOVERY_MS);

  op_clear (&callback);
  start_callback (&callback, agent_session_get_client (m->session), callback_phone);
  op_wait (&callback, RELIAB_RECOVERY_MS);
  assert_succeeded (&callback);

  reliab_stall_probe_check_limit (m->probe, fault->name,
                                  fault->kind == FAULT_TLS ? RELIAB_MAX_TLS_STALL_MS
                                                           : RELIAB_MAX_STALL_MS);

  memos = reliab_server_memos (&m->f, memo_phone);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (memos, 0), ==, memo_text);
  g_assert_cmpuint (reliab_server_callbacks_to (&m->f, callback_phone), ==, 1);

  op_clear (&login);
  op_clear (&events);
  op_clear (&list);
  op_clear (&callback);
  op_clear (&download);
  integ_assert_finalize (g_steal_pointer (&customers));
  integ_assert_finalize (g_steal_pointer (&stream));
  integ_assert_finalize (g_steal_pointer (&login_session));
  integ_assert_finalize (g_steal_pointer (&bad));
  if (tls_server != NULL)
    soup_server_disconnect (tls_server);
}

/* The certificate case in a process of its own. LeakSanitizer (GCC 12) crashes ("Tracer caught
 * signal 11") in its exit scan of a process that made a TLS connection: it reads the dynamic
 * thread-local storage gnutls, loaded by GIO as a module, left in live threads. So the other
 * faults keep the exit scan, and this child, once it has passed, ends without it. */
static void
test_bad_certificate (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      Matrix m = { 0 };

      matrix_set_up (&m, data);
      test_bad_address (&m, data);
      matrix_tear_down (&m, data);
#if defined(__SANITIZE_ADDRESS__)
      _exit (0);
#endif
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* As at the application's startup: the CA list is loaded on a worker, not by the first
   * HTTPS request on the main loop (test-recovery proves the difference). */
  bbh_tls_warm_up ();

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/agent/fault-matrix/%s", faults[i].name);

      if (faults[i].kind == FAULT_TLS)
        g_test_add_data_func (path, &faults[i], test_bad_certificate);
      else
        g_test_add (path, Matrix, &faults[i], matrix_set_up,
                    faults[i].kind == FAULT_SANDBOX ? test_sandbox_fault : test_bad_address,
                    matrix_tear_down);
    }

  return g_test_run ();
}
