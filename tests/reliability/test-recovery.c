/* test-recovery.c — coming back quickly: after a sleep, and on the first HTTPS connection
 *
 * - A long poll held on a connection that died with a sleep: bbh_event_stream_retry_now()
 *   (what AgentPowerMonitor calls on resume and on a network change) gives it up and asks again
 *   at once, and every event is delivered exactly once (a scripted SoupServer holds the long
 *   poll as a dead connection would: no answer, no error).
 * - The system's CA list is loaded on a worker thread (bbh_tls_warm_up_async()), so the first
 *   HTTPS connection of the process does not load it on the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include "bbh-event-stream.h"
#include "bbh-test-server.h"
#include "bbh-tls.h"
#include "reliab-util.h"

#define ACCOUNT   "100008800"
#define PASSWORD  "02367073578"
/* Longer than the test: a held answer that only the test server's end drops. */
#define HELD_MS   120000

/* ---- a long poll held on a dead connection ---- */

typedef struct
{
  BbhTestServer  *server;
  BbhClient      *client;
  BbhEventStream *stream;
  GPtrArray      *events;
} Stream;

static void
on_event_cb (BbhEventStream *stream,
             BbhEvent       *event,
             Stream         *s)
{
  g_ptr_array_add (s->events, g_object_ref (event));
}

static char *
message (const char *phone,
         gint64      watermark)
{
  return g_strdup_printf ("{\"kind\":2,\"phone\":\"%s\",\"content\":\"{status:0,cdrId:%" G_GINT64_FORMAT "}\","
                          "\"time\":%" G_GINT64_FORMAT ",\"waterLine\":\"%" G_GINT64_FORMAT "\"}",
                          phone, watermark, watermark, watermark);
}

typedef struct
{
  BbhTestServer *server;
  const char    *method;
  guint          n;
} Requests;

static gboolean
requests_reached (gpointer user_data)
{
  Requests *r = user_data;

  return bbh_test_server_count_method (r->server, r->method) >= r->n;
}

static void
wait_requests (Stream     *s,
               const char *method,
               guint       n,
               guint       timeout_ms)
{
  Requests r = { s->server, method, n };
  g_autofree char *what = g_strdup_printf ("%u %s requests", n, method);

  reliab_wait (requests_reached, &r, timeout_ms, what);
}

static guint expected_events;

static gboolean
events_reached (gpointer user_data)
{
  Stream *s = user_data;

  return s->events->len >= expected_events;
}

/* The @index-th request for @method's parameter @name. */
static const char *
request_param (Stream     *s,
               const char *method,
               guint       index,
               const char *name)
{
  for (guint i = 0, n = 0; i < bbh_test_server_get_n_requests (s->server); i++)
    {
      BbhTestRequest *request = bbh_test_server_get_request (s->server, i);

      if (g_strcmp0 (bbh_test_param (request, "method"), method) == 0 && n++ == index)
        return bbh_test_param (request, name);
    }
  g_error ("no %s request number %u", method, index);
  return NULL;
}

static void
test_retry_now_gives_up_held_poll (void)
{
  g_autofree char *md5 = bbh_password_md5 (PASSWORD);
  g_autofree char *url = NULL;
  g_autofree char *m101 = message ("13800138101", 101);
  g_autofree char *m102 = message ("13800138102", 102);
  g_autofree char *m103 = message ("13800138103", 103);
  g_autofree char *recv = NULL;
  g_autofree char *resent = NULL;
  g_autoptr(ReliabStallProbe) probe = reliab_stall_probe_new ();
  Stream s = { 0 };
  double took;

  s.server = bbh_test_server_new ();
  url = bbh_test_server_dup_url (s.server);
  s.client = bbh_client_new (url, ACCOUNT, md5);
  s.events = g_ptr_array_new_with_free_func (g_object_unref);
  s.stream = bbh_event_stream_new (s.client);
  g_signal_connect (s.stream, "event", G_CALLBACK (on_event_cb), &s);
  bbh_event_stream_set_watermark (s.stream, 100);

  /* Started from a stored watermark, the stream catches up with a recvMsg first (nothing
   * new); then, before the sleep, a long poll from 100, which the dead connection never
   * answers. */
  bbh_test_server_queue_json (s.server, "recvMsg", "{\"code\":0,\"waterLine\":100,\"msgs\":[]}");
  bbh_test_server_queue_delayed (s.server, "getLongWaterLine", HELD_MS,
                                 "{\"code\":0,\"waterline\":100,\"msgs\":[]}");
  bbh_event_stream_start (s.stream);
  wait_requests (&s, "getLongWaterLine", 1, 10000);
  g_assert_cmpstr (request_param (&s, "getLongWaterLine", 0, "waterLine"), ==, "100");

  /* Meanwhile two calls rang. The server has them for a recvMsg at once, and resends them
   * with a third to the next long poll (as a real one does when asked from an old
   * watermark); then it holds again. */
  recv = g_strdup_printf ("{\"code\":0,\"waterLine\":102,\"msgs\":[%s,%s]}", m101, m102);
  resent = g_strdup_printf ("{\"code\":0,\"waterline\":103,\"msgs\":[%s,%s,%s]}", m101, m102, m103);
  bbh_test_server_queue_json (s.server, "recvMsg", recv);
  bbh_test_server_queue_json (s.server, "getLongWaterLine", resent);
  bbh_test_server_queue_delayed (s.server, "getLongWaterLine", HELD_MS,
                                 "{\"code\":0,\"waterline\":103,\"msgs\":[]}");

  /* Awake: the stream asks again at once instead of waiting out the held poll. */
  reliab_stall_probe_reset (probe);
  bbh_event_stream_retry_now (s.stream);
  expected_events = 3;
  took = reliab_wait (events_reached, &s, 10000, "the calls that rang during the sleep");
  g_test_message ("caught up %.0f ms after the resume", took);
  g_assert_cmpfloat (took, <=, RELIAB_RECOVERY_MS);
  reliab_stall_probe_check (probe, "giving up the held poll");

  /* Exactly once each, in order, from where the held poll had asked. */
  wait_requests (&s, "getLongWaterLine", 3, 10000);
  g_assert_cmpuint (s.events->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (bbh_event_get_watermark (g_ptr_array_index (s.events, i)), ==, 101 + i);
  g_assert_cmpuint (bbh_test_server_count_method (s.server, "recvMsg"), ==, 2);
  g_assert_cmpstr (request_param (&s, "recvMsg", 1, "waterLine"), ==, "100");
  g_assert_cmpstr (request_param (&s, "getLongWaterLine", 1, "waterLine"), ==, "102");
  g_assert_cmpstr (request_param (&s, "getLongWaterLine", 2, "waterLine"), ==, "103");
  g_assert_true (bbh_event_stream_get_connected (s.stream));
  g_assert_cmpint (bbh_event_stream_get_watermark (s.stream), ==, 103);

  /* Twice more, in a row: each gives up the request before it, nothing comes twice. */
  bbh_test_server_queue_json (s.server, "recvMsg", "{\"code\":0,\"waterLine\":103,\"msgs\":[]}");
  bbh_test_server_queue_json (s.server, "recvMsg", "{\"code\":0,\"waterLine\":103,\"msgs\":[]}");
  bbh_test_server_queue_delayed (s.server, "getLongWaterLine", HELD_MS,
                                 "{\"code\":0,\"waterline\":103,\"msgs\":[]}");
  bbh_event_stream_retry_now (s.stream);
  bbh_event_stream_retry_now (s.stream);
  wait_requests (&s, "recvMsg", 3, 10000);
  wait_requests (&s, "getLongWaterLine", 4, 10000);
  g_assert_cmpstr (request_param (&s, "getLongWaterLine", 3, "waterLine"), ==, "103");
  g_assert_cmpuint (s.events->len, ==, 3);
  g_assert_null (bbh_event_stream_get_last_error (s.stream));

  bbh_event_stream_stop (s.stream);
  g_signal_handlers_disconnect_by_data (s.stream, &s);
  integ_assert_finalize (g_steal_pointer (&s.stream));
  g_ptr_array_unref (s.events);
  g_clear_object (&s.client);
  bbh_test_server_free (s.server);
}

/* ---- the certificate database ---- */

static void
on_warmed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bbh_tls_warm_up_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_is_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
on_extension_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **out = user_data;
  g_autoptr(BbhExtension) extension = bbh_client_get_extension_finish (BBH_CLIENT (object),
                                                                       result, out);

  g_assert_null (extension);
  g_assert_nonnull (*out);
}

static gboolean
error_set (gpointer user_data)
{
  return *(GError **) user_data != NULL;
}

/* How long the main thread waits for the default database: a load, or a lookup. */
static double
database_ms (void)
{
  double started = reliab_now_ms ();
  g_autoptr(GTlsDatabase) database = g_tls_backend_get_default_database (g_tls_backend_get_default ());

  g_assert_nonnull (database);
  return reliab_now_ms () - started;
}

static void
test_tls_warm_up (void)
{
  g_autoptr(ReliabStallProbe) probe = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(BbhClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) request_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *url = NULL;
  g_autofree char *md5 = bbh_password_md5 (PASSWORD);
  gboolean warmed = FALSE;
  guint requests = 0;
  double lookup_ms;

  if (!g_test_subprocess ())
    {
      /* A process of its own: nothing may have loaded the database before. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      /* For comparison, this process loads it cold, on its main thread. */
      g_test_message ("loading the CA list on the main thread: %.1f ms", database_ms ());
      return;
    }

  dir = g_dir_make_tmp ("reliab-tls-XXXXXX", &error);
  g_assert_no_error (error);
  certificate = reliab_self_signed_certificate (dir, &error);
  if (certificate == NULL)
    {
      g_test_skip (error->message);
      return;
    }

  /* Startup: the list is loaded on a worker while the main loop goes on. */
  probe = reliab_stall_probe_new ();
  bbh_tls_warm_up_async (NULL, on_warmed_cb, &warmed);
  reliab_wait (flag_is_set, &warmed, 30000, "the certificate database");
  reliab_stall_probe_check (probe, "loading the certificate database");

  /* The main thread finds it ready. */
  lookup_ms = database_ms ();
  g_test_message ("the database on the main thread after the warm-up: %.2f ms", lookup_ms);
  g_assert_cmpfloat (lookup_ms, <, 10);

  /* The first HTTPS connection of the process does not stall the main loop. */
  server = reliab_tls_server_new (certificate, &url, &requests);
  client = bbh_client_new (url, ACCOUNT, md5);
  reliab_stall_probe_reset (probe);
  bbh_client_get_extension_async (client, NULL, on_extension_cb, &request_error);
  reliab_wait (error_set, &request_error, 30000, "the first HTTPS request");
  g_assert_error (request_error, BBH_ERROR, BBH_ERROR_TLS);
  g_assert_cmpuint (requests, ==, 0);
  reliab_stall_probe_check_limit (probe, "the first HTTPS connection", RELIAB_MAX_TLS_STALL_MS);

  soup_server_disconnect (server);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (cmd), ==, 0);
  }
#if defined(__SANITIZE_ADDRESS__)
  /* LeakSanitizer (GCC 12) crashes ("Tracer caught signal 11") in its exit scan of a process
   * that made a TLS connection: it reads the dynamic thread-local storage gnutls, loaded by
   * GIO as a module, left in live threads. This child measures time, not leaks: it ends
   * here, passed, without that scan. */
  _exit (0);
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agent/recovery/tls-warm-up", test_tls_warm_up);
  g_test_add_func ("/agent/recovery/retry-now-gives-up-held-poll", test_retry_now_gives_up_held_poll);

  return g_test_run ();
}
