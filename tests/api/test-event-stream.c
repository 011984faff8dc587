/* test-event-stream.c — BbhEventStream against a real SoupServer: long poll and fallback,
 * watermark, duplicates, backlog, back-off and outages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bbh-client-events.h"
#include "bbh-client-private.h"
#include "bbh-event-stream-private.h"
#include "bbh-test-server.h"

typedef struct
{
  BbhTestServer  *server;
  BbhClient      *client;
  BbhEventStream *stream;
  GPtrArray      *events;
  GPtrArray      *errors;
  /* For the re-arm test: requests the server had seen when each event was emitted. */
  GArray         *requests_at_event;
  gboolean        wait_in_handler;
} Fixture;

static gboolean
on_wait_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_event_cb (BbhEventStream *stream,
             BbhEvent       *event,
             Fixture        *f)
{
  g_ptr_array_add (f->events, g_object_ref (event));
  if (f->wait_in_handler)
    {
      /* The next long poll must already be on its way: it reaches the server while this
       * handler still runs. Had it been sent after the handler, this would time out. */
      guint before = bbh_test_server_count_method (f->server, "getLongWaterLine");
      gboolean timed_out = FALSE;
      guint id = g_timeout_add (5000, on_wait_timeout_cb, &timed_out);
      guint now;

      while ((now = bbh_test_server_count_method (f->server, "getLongWaterLine")) == before
             && !timed_out && f->requests_at_event->len == 0)
        g_main_context_iteration (NULL, TRUE);
      if (!timed_out)
        g_source_remove (id);
      g_array_append_val (f->requests_at_event, now);
    }
}

static void
on_error_cb (BbhEventStream *stream,
             GError         *error,
             Fixture        *f)
{
  g_ptr_array_add (f->errors, g_error_copy (error));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autofree char *md5 = bbh_password_md5 ("02367073578");

  f->server = bbh_test_server_new ();
  url = bbh_test_server_dup_url (f->server);
  f->client = bbh_client_new (url, "100008800", md5);
  f->stream = bbh_event_stream_new (f->client);
  f->events = g_ptr_array_new_with_free_func (g_object_unref);
  f->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  f->requests_at_event = g_array_new (FALSE, FALSE, sizeof (guint));
  g_object_set (f->stream, "jitter", FALSE, "poll-interval", 20, "login-line", "L-7", NULL);
  g_signal_connect (f->stream, "event", G_CALLBACK (on_event_cb), f);
  g_signal_connect (f->stream, "error", G_CALLBACK (on_error_cb), f);
}

/* A cancelled request gives its reference on the client back from an idle: wait for it. */
static void
wait_finalized (gpointer object)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, on_wait_timeout_cb, &timed_out);

  g_object_add_weak_pointer (object, &object);
  g_object_unref (object);
  while (object != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (object);
  g_source_remove (id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  bbh_event_stream_stop (f->stream);
  g_assert_finalize_object (f->stream);
  wait_finalized (f->client);
  bbh_test_server_free (f->server);
  g_ptr_array_unref (f->events);
  g_ptr_array_unref (f->errors);
  g_array_unref (f->requests_at_event);
}

typedef gboolean (*Condition) (Fixture *f, guint n, const char *method);

static void
wait_until (Fixture    *f,
            Condition   condition,
            guint       n,
            const char *method)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (20000, on_wait_timeout_cb, &timed_out);

  while (!condition (f, n, method) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("timed out waiting (n=%u, events=%u, errors=%u, requests=%u)", n, f->events->len,
             f->errors->len, bbh_test_server_get_n_requests (f->server));
  g_source_remove (id);
}

static gboolean
has_events (Fixture *f, guint n, const char *method)
{
  return f->events->len >= n;
}

static gboolean
has_errors (Fixture *f, guint n, const char *method)
{
  return f->errors->len >= n;
}

static gboolean
has_requests (Fixture *f, guint n, const char *method)
{
  return method ? bbh_test_server_count_method (f->server, method) >= n
                : bbh_test_server_get_n_requests (f->server) >= n;
}

static void
wait_events (Fixture *f, guint n)
{
  wait_until (f, has_events, n, NULL);
}

static void
wait_errors (Fixture *f, guint n)
{
  wait_until (f, has_errors, n, NULL);
}

static void
wait_requests (Fixture *f, const char *method, guint n)
{
  wait_until (f, has_requests, n, method);
}

/* A message of the feed. */
static char *
msg (int         kind,
     const char *phone,
     int         status,
     gint64      cdr_id,
     gint64      watermark)
{
  return g_strdup_printf ("{\"kind\":%d,\"phone\":\"%s\",\"content\":\"{status:%d,cdrId:%" G_GINT64_FORMAT "}\","
                          "\"time\":%" G_GINT64_FORMAT ",\"waterLine\":\"%" G_GINT64_FORMAT "\"}",
                          kind, phone, status, cdr_id, watermark, watermark);
}

static char *
answer (const char *waterline_member,
        gint64      waterline,
        ...)
{
  GString *s = g_string_new ("{\"code\":0,");
  va_list args;
  const char *m;
  gboolean first = TRUE;

  if (waterline_member != NULL)
    g_string_append_printf (s, "\"%s\":%" G_GINT64_FORMAT ",", waterline_member, waterline);
  g_string_append (s, "\"msgs\":[");
  va_start (args, waterline);
  while ((m = va_arg (args, const char *)) != NULL)
    {
      if (!first)
        g_string_append_c (s, ',');
      g_string_append (s, m);
      first = FALSE;
    }
  va_end (args);
  g_string_append (s, "]}");
  return g_string_free (s, FALSE);
}

static BbhEvent *
event_at (Fixture *f,
          guint    i)
{
  g_assert_cmpuint (i, <, f->events->len);
  return g_ptr_array_index (f->events, i);
}

static GError *
error_at (Fixture *f,
          guint    i)
{
  g_assert_cmpuint (i, <, f->errors->len);
  return g_ptr_array_index (f->errors, i);
}

static const char *
request_param (Fixture    *f,
               const char *method,
               guint       nth,
               const char *name)
{
  guint seen = 0;

  for (guint i = 0; i < bbh_test_server_get_n_requests (f->server); i++)
    {
      BbhTestRequest *r = bbh_test_server_get_request (f->server, i);

      if (g_strcmp0 (g_hash_table_lookup (r->params, "method"), method) == 0 && seen++ == nth)
        return bbh_test_param (r, name);
    }
  g_error ("no request %u of %s", nth, method);
}

static void
queue_poll (Fixture    *f,
            const char *body)
{
  bbh_test_server_queue_json (f->server, "recvMsg", body);
}

/* Queues a long-poll answer, given as an owned string. */
static void
queue_long (Fixture *f,
            char    *body)
{
  bbh_test_server_queue_json (f->server, "getLongWaterLine", body);
  g_free (body);
}

static gboolean
on_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Only to let time pass where the test asserts that nothing happens meanwhile. */
static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_flag_cb, &done);
  bbh_test_wait_for (&done, ms + 5000);
}

static void
test_long_poll (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *old = msg (2, "13800138000", 3, 9, 400);
  g_autofree char *m1 = msg (2, "13900139000", 0, -1, 501);
  g_autofree char *m2 = msg (2, "13900139000", 1, 77, 502);

  /* First sync from watermark 0, by recvMsg (answered at once): the old call is skipped, the
   * watermark is the server's. */
  g_autofree char *sync = answer ("waterLine", 500, old, NULL);

  queue_poll (f, sync);
  queue_long (f, answer ("waterline", 502, m1, m2, NULL));
  /* The re-armed poll: a quiet answer, then held. */
  queue_long (f, answer ("waterline", 502, NULL));
  bbh_test_server_queue_delayed (f->server, "getLongWaterLine", 300, "{\"code\":0,\"waterline\":502}");
  f->wait_in_handler = TRUE;

  bbh_event_stream_start (f->stream);
  wait_events (f, 2);

  g_assert_cmpint (bbh_event_stream_get_active_transport (f->stream), ==, BBH_EVENT_TRANSPORT_LONG_POLL);
  g_assert_true (bbh_event_stream_get_connected (f->stream));
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "recvMsg"), ==, 1);
  g_assert_cmpstr (request_param (f, "recvMsg", 0, "waterLine"), ==, "0");
  g_assert_cmpstr (request_param (f, "getLongWaterLine", 0, "waterLine"), ==, "500");
  g_assert_cmpstr (request_param (f, "getLongWaterLine", 0, "client"), ==, "1");
  g_assert_cmpstr (request_param (f, "getLongWaterLine", 0, "message"), ==, "1");
  g_assert_cmpstr (request_param (f, "getLongWaterLine", 0, "loginLine"), ==, "L-7");
  /* Re-armed with the batch's watermark before the first event was emitted. */
  g_assert_cmpstr (request_param (f, "getLongWaterLine", 1, "waterLine"), ==, "502");
  g_assert_cmpuint (f->requests_at_event->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->requests_at_event, guint, 0), ==, 2);

  g_assert_cmpuint (f->events->len, ==, 2);
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 0)), ==, 501);
  g_assert_true (bbh_event_is_ringing (event_at (f, 0)));
  g_assert_false (bbh_event_get_backlog (event_at (f, 0)));
  g_assert_cmpint (bbh_event_get_cdr_id (event_at (f, 1)), ==, 77);
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 502);
  g_assert_cmpuint (f->errors->len, ==, 0);
}

static void
test_fallback_to_poll (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *m1 = msg (2, "13800138000", 0, -1, 11);
  g_autofree char *m2 = msg (2, "13800138000", 2, 5, 12);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;

  bbh_event_stream_set_watermark (f->stream, 10);
  /* This server answers {"code":0} to any method: it does not have the long poll. */
  bbh_test_server_queue_json (f->server, "getLongWaterLine", "{\"code\":0}");
  a1 = answer (NULL, 0, m1, NULL);
  a2 = answer (NULL, 0, m2, NULL);
  queue_poll (f, a1);
  queue_poll (f, "{\"code\":0,\"msgs\":[]}");
  queue_poll (f, a2);

  bbh_event_stream_start (f->stream);
  wait_events (f, 2);
  wait_requests (f, "recvMsg", 5);

  g_assert_cmpint (bbh_event_stream_get_active_transport (f->stream), ==, BBH_EVENT_TRANSPORT_POLL);
  /* Fell back for good, silently. */
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "getLongWaterLine"), ==, 1);
  g_assert_cmpuint (f->errors->len, ==, 0);
  g_assert_cmpstr (request_param (f, "recvMsg", 0, "waterLine"), ==, "10");
  g_assert_cmpstr (request_param (f, "recvMsg", 0, "client"), ==, "1");
  g_assert_cmpstr (request_param (f, "recvMsg", 0, "limit"), ==, "100");
  g_assert_cmpstr (request_param (f, "recvMsg", 1, "waterLine"), ==, "11");
  g_assert_cmpstr (request_param (f, "recvMsg", 3, "waterLine"), ==, "12");
  g_assert_true (bbh_event_is_ringing (event_at (f, 0)));
  g_assert_true (bbh_event_is_hangup (event_at (f, 1)));
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 12);

  /* A restart does not try the long poll again. */
  bbh_event_stream_stop (f->stream);
  g_assert_false (bbh_event_stream_get_connected (f->stream));
  bbh_event_stream_start (f->stream);
  wait_requests (f, "recvMsg", 7);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "getLongWaterLine"), ==, 1);
}

static void
test_fallback_404 (Fixture       *f,
                   gconstpointer  data)
{
  bbh_test_server_queue (f->server, "getLongWaterLine", 404, "text/html", "<html>404</html>");
  bbh_event_stream_start (f->stream);
  /* The first sync, then two polls after the fall-back. */
  wait_requests (f, "recvMsg", 3);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "getLongWaterLine"), ==, 1);
  g_assert_cmpint (bbh_event_stream_get_active_transport (f->stream), ==, BBH_EVENT_TRANSPORT_POLL);
  g_assert_cmpuint (f->errors->len, ==, 0);
}

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *count)
{
  (*count)++;
}

/* A server (or a proxy) that takes getLongWaterLine and never answers it, while recvMsg
 * answers: polling, silently, after the first long poll timed out. */
static void
test_fallback_silent (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *m1 = msg (2, "13800138000", 0, -1, 11);
  g_autofree char *a1 = answer ("waterLine", 11, m1, NULL);
  guint n_connected = 0;
  gulong id;

  bbh_client_set_timeout (f->client, 1);
  bbh_client_set_long_poll_timeout (f->client, 1);
  bbh_event_stream_set_watermark (f->stream, 10);
  queue_poll (f, "{\"code\":0,\"waterLine\":10,\"msgs\":[]}");
  bbh_test_server_queue_delayed (f->server, "getLongWaterLine", 60000, "{\"code\":0,\"waterline\":10}");
  queue_poll (f, a1);

  bbh_event_stream_start (f->stream);
  wait_requests (f, "getLongWaterLine", 1);
  g_assert_true (bbh_event_stream_get_connected (f->stream));
  id = g_signal_connect (f->stream, "notify::connected", G_CALLBACK (on_notify_count_cb), &n_connected);
  wait_events (f, 1);
  wait_requests (f, "recvMsg", 3);
  g_signal_handler_disconnect (f->stream, id);

  g_assert_cmpint (bbh_event_stream_get_active_transport (f->stream), ==, BBH_EVENT_TRANSPORT_POLL);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "getLongWaterLine"), ==, 1);
  /* Nothing for the agent to see: no error, never "not connected". */
  g_assert_cmpuint (f->errors->len, ==, 0);
  g_assert_cmpuint (n_connected, ==, 0);
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 0)), ==, 11);
  g_assert_cmpstr (request_param (f, "recvMsg", 1, "waterLine"), ==, "10");
}

/* Once the long poll has answered, a timeout is an outage: back off, keep the long poll. */
static void
test_long_poll_timeout_after_success (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *m1 = msg (2, "13800138000", 0, -1, 21);

  bbh_client_set_timeout (f->client, 1);
  bbh_client_set_long_poll_timeout (f->client, 1);
  bbh_event_stream_set_watermark (f->stream, 20);
  queue_poll (f, "{\"code\":0,\"waterLine\":20,\"msgs\":[]}");
  queue_long (f, answer ("waterline", 21, m1, NULL));
  bbh_test_server_queue_delayed (f->server, "getLongWaterLine", 60000, "{\"code\":0,\"waterline\":21}");
  bbh_event_stream_start (f->stream);
  wait_errors (f, 1);

  g_assert_error (error_at (f, 0), BBH_ERROR, BBH_ERROR_TIMEOUT);
  g_assert_cmpint (bbh_event_stream_get_active_transport (f->stream), ==, BBH_EVENT_TRANSPORT_LONG_POLL);
  g_assert_false (bbh_event_stream_get_connected (f->stream));
  g_assert_cmpuint (bbh_event_stream_get_retry_in (f->stream), ==, 1);
  g_assert_cmpuint (f->events->len, ==, 1);
}

static void
test_long_poll_kept_after_success (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *m1 = msg (2, "13800138000", 0, -1, 21);

  bbh_event_stream_set_watermark (f->stream, 20);
  queue_long (f, answer ("waterline", 21, m1, NULL));
  /* Once the long poll has worked, -3 is a server hiccup, not a missing method. */
  bbh_test_server_queue_json (f->server, "getLongWaterLine", "{\"code\":-3}");
  bbh_event_stream_start (f->stream);
  wait_errors (f, 1);

  g_assert_error (error_at (f, 0), BBH_ERROR, BBH_ERROR_UNSUPPORTED);
  g_assert_cmpint (bbh_event_stream_get_active_transport (f->stream), ==, BBH_EVENT_TRANSPORT_LONG_POLL);
  g_assert_false (bbh_event_stream_get_connected (f->stream));
  g_assert_cmpuint (bbh_event_stream_get_retry_in (f->stream), ==, 1);
  /* Only the catch-up from the stored watermark was a recvMsg; no fall-back to polling. */
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "recvMsg"), ==, 1);
  g_assert_cmpuint (f->events->len, ==, 1);
}

static void
test_forced_poll (Fixture       *f,
                  gconstpointer  data)
{
  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_start (f->stream);
  wait_requests (f, "recvMsg", 3);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "getLongWaterLine"), ==, 0);
  g_assert_true (bbh_event_stream_get_connected (f->stream));
}

static void
test_watermark_monotonic (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *m1 = msg (2, "13800138000", 0, -1, 1001);
  g_autofree char *m2 = msg (2, "13800138000", 1, 8, 1002);
  g_autofree char *stale = msg (2, "13700137000", 0, -1, 900);
  g_autofree char *m3 = msg (2, "13800138000", 2, 8, 1003);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *a3 = NULL;

  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 1000);
  a1 = answer ("waterLine", 1002, m1, m2, NULL);
  /* A server that went back in time: an older watermark and an older message. */
  a2 = answer ("waterLine", 500, stale, NULL);
  a3 = answer ("waterLine", 1003, m3, NULL);
  queue_poll (f, a1);
  queue_poll (f, a2);
  queue_poll (f, a3);

  bbh_event_stream_start (f->stream);
  wait_events (f, 3);
  wait_requests (f, "recvMsg", 4);

  g_assert_cmpuint (f->events->len, ==, 3);
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 2)), ==, 1003);
  g_assert_cmpstr (request_param (f, "recvMsg", 1, "waterLine"), ==, "1002");
  g_assert_cmpstr (request_param (f, "recvMsg", 2, "waterLine"), ==, "1002");
  g_assert_cmpstr (request_param (f, "recvMsg", 3, "waterLine"), ==, "1003");
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 1003);

  /* Nor can the caller move it back while running. */
  bbh_event_stream_set_watermark (f->stream, 5);
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 1003);
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *ring = msg (2, "13800138000", 0, -1, 11);
  g_autofree char *ring_again = msg (2, "13800138000", 0, -1, 12);
  g_autofree char *other = msg (2, "13900139000", 0, -1, 13);
  g_autofree char *hangup = msg (2, "13800138000", 3, 99, 14);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;

  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 10);
  a1 = answer (NULL, 0, ring, NULL);
  /* The same message again (same watermark), then a repeat of that phone's last state. */
  a2 = answer (NULL, 0, ring, ring_again, other, hangup, NULL);
  queue_poll (f, a1);
  queue_poll (f, a2);

  bbh_event_stream_start (f->stream);
  wait_requests (f, "recvMsg", 3);

  g_assert_cmpuint (f->events->len, ==, 3);
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 0)), ==, 11);
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 1)), ==, 13);
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 2)), ==, 14);
  g_assert_true (bbh_event_is_hangup (event_at (f, 2)));
  /* The dropped repeat still moved the watermark past itself. */
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 14);
}

static void
test_empty_phone (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *blank = msg (5, "", 0, -1, 20);
  g_autofree char *call = msg (2, "13800138000", 0, -1, 21);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;

  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 10);
  a1 = answer (NULL, 0, blank, NULL);
  a2 = answer (NULL, 0, blank, call, NULL);
  queue_poll (f, a1);
  queue_poll (f, a2);

  bbh_event_stream_start (f->stream);
  wait_requests (f, "recvMsg", 3);

  /* Delivered once, but it does not move the watermark. */
  g_assert_cmpstr (request_param (f, "recvMsg", 1, "waterLine"), ==, "10");
  g_assert_cmpuint (f->events->len, ==, 2);
  g_assert_cmpstr (bbh_event_get_phone (event_at (f, 0)), ==, "");
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 1)), ==, 21);
  g_assert_cmpstr (request_param (f, "recvMsg", 2, "waterLine"), ==, "21");
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 21);
}

static void
test_first_sync_skips_backlog (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *old1 = msg (2, "13800138000", 0, -1, 5);
  g_autofree char *old2 = msg (2, "13800138000", 3, 4, 6);
  g_autofree char *fresh = msg (2, "13800138000", 0, -1, 7);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  GParamSpec *pspec;

  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 0);
  a1 = answer ("waterLine", 6, old1, old2, NULL);
  a2 = answer ("waterLine", 7, old2, fresh, NULL);
  queue_poll (f, a1);
  queue_poll (f, a2);

  bbh_event_stream_start (f->stream);
  wait_events (f, 1);

  g_assert_cmpstr (request_param (f, "recvMsg", 0, "waterLine"), ==, "0");
  g_assert_cmpstr (request_param (f, "recvMsg", 1, "waterLine"), ==, "6");
  g_assert_cmpuint (f->events->len, ==, 1);
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 0)), ==, 7);
  g_assert_false (bbh_event_get_backlog (event_at (f, 0)));

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (f->stream), "watermark");
  g_assert_nonnull (pspec);
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 7);
}

/* A server whose watermark is the end of the page it sent (as the sandbox's is): the first
 * sync pages through everything before it shows anything. */
static void
test_first_sync_pages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) page = g_string_new ("{\"code\":0,\"waterLine\":100,\"msgs\":[");
  g_autofree char *last_old = msg (2, "13800138000", 3, 4, 101);
  g_autofree char *fresh = msg (2, "13900139000", 0, -1, 102);
  g_autofree char *a2 = NULL;
  g_autofree char *a3 = NULL;

  for (guint i = 1; i <= 100; i++)
    {
      g_autofree char *m = msg (2, "13800138000", i % 2 ? 0 : 3, i, i);

      g_string_append_printf (page, "%s%s", i > 1 ? "," : "", m);
    }
  g_string_append (page, "]}");
  queue_poll (f, page->str);
  a2 = answer ("waterLine", 101, last_old, NULL);
  queue_poll (f, a2);
  a3 = answer ("waterline", 102, fresh, NULL);
  queue_long (f, g_steal_pointer (&a3));

  bbh_event_stream_start (f->stream);
  wait_events (f, 1);

  g_assert_cmpstr (request_param (f, "recvMsg", 1, "waterLine"), ==, "100");
  g_assert_cmpstr (request_param (f, "getLongWaterLine", 0, "waterLine"), ==, "101");
  g_assert_cmpuint (f->events->len, ==, 1);
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 0)), ==, 102);
}

static void
test_stored_watermark_backlog (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *missed1 = msg (2, "13800138000", 0, -1, 7);
  g_autofree char *missed2 = msg (2, "13800138000", 3, 4, 8);
  g_autofree char *live = msg (2, "13900139000", 0, -1, 9);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;

  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 6);
  a1 = answer ("waterLine", 8, missed1, missed2, NULL);
  a2 = answer ("waterLine", 9, live, NULL);
  queue_poll (f, a1);
  queue_poll (f, a2);

  bbh_event_stream_start (f->stream);
  wait_events (f, 3);

  g_assert_cmpstr (request_param (f, "recvMsg", 0, "waterLine"), ==, "6");
  g_assert_true (bbh_event_get_backlog (event_at (f, 0)));
  g_assert_true (bbh_event_get_backlog (event_at (f, 1)));
  g_assert_false (bbh_event_get_backlog (event_at (f, 2)));
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 9);
}

/* Restarted from a stored watermark with long polling: the catch-up is a recvMsg, answered at
 * once. A long poll there could be held until the next call, which would then be taken for
 * backlog and never pop up. */
static void
test_stored_watermark_long_poll (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *missed = msg (2, "13800138000", 0, -1, 7);
  g_autofree char *live = msg (2, "13900139000", 0, -1, 9);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;

  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_LONG_POLL);
  bbh_event_stream_set_watermark (f->stream, 6);
  a1 = answer ("waterLine", 7, missed, NULL);
  queue_poll (f, a1);
  a2 = answer ("waterline", 9, live, NULL);
  queue_long (f, g_steal_pointer (&a2));

  bbh_event_stream_start (f->stream);
  wait_events (f, 2);

  g_assert_cmpstr (request_param (f, "recvMsg", 0, "waterLine"), ==, "6");
  g_assert_cmpstr (request_param (f, "getLongWaterLine", 0, "waterLine"), ==, "7");
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 0)), ==, 7);
  g_assert_true (bbh_event_get_backlog (event_at (f, 0)));
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 1)), ==, 9);
  g_assert_false (bbh_event_get_backlog (event_at (f, 1)));
}

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  static const guint expected[] = { 1, 2, 4, 8, 16, 30, 30 };
  guint n = 0;

  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 10);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    bbh_test_server_queue (f->server, "recvMsg", 502, "text/html", "<html>Bad Gateway</html>");

  bbh_event_stream_start (f->stream);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      wait_errors (f, ++n);
      g_assert_error (error_at (f, n - 1), BBH_ERROR, BBH_ERROR_HTTP);
      g_assert_false (bbh_event_stream_get_connected (f->stream));
      g_assert_cmpuint (bbh_event_stream_get_retry_in (f->stream), ==, expected[i]);
      g_assert_nonnull (bbh_event_stream_get_last_error (f->stream));
      /* The app's Retry button: skip the wait. */
      bbh_event_stream_retry_now (f->stream);
      g_assert_cmpuint (bbh_event_stream_get_retry_in (f->stream), ==, 0);
    }

  /* Success resets it. */
  wait_requests (f, "recvMsg", G_N_ELEMENTS (expected) + 1);
  while (!bbh_event_stream_get_connected (f->stream))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (bbh_event_stream_get_last_error (f->stream));
  g_assert_cmpuint (bbh_event_stream_get_retry_in (f->stream), ==, 0);

  bbh_test_server_queue (f->server, "recvMsg", 502, "text/html", "<html>Bad Gateway</html>");
  wait_errors (f, ++n);
  g_assert_cmpuint (bbh_event_stream_get_retry_in (f->stream), ==, 1);
  g_assert_true (bbh_event_stream_get_running (f->stream));
}

static void
test_backoff_waits (Fixture       *f,
                    gconstpointer  data)
{
  gint64 failed_at;

  /* Without retry_now the stream waits the back-off by itself, then tries again. */
  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 10);
  bbh_test_server_queue (f->server, "recvMsg", 200, "application/json", "garbage");
  bbh_event_stream_start (f->stream);
  wait_errors (f, 1);
  failed_at = g_get_monotonic_time ();
  g_assert_error (error_at (f, 0), BBH_ERROR, BBH_ERROR_PROTOCOL);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "recvMsg"), ==, 1);
  wait_requests (f, "recvMsg", 2);
  g_assert_cmpint (g_get_monotonic_time () - failed_at, >=, 900 * 1000);
}

static void
test_jitter (Fixture       *f,
             gconstpointer  data)
{
  bbh_event_stream_set_jitter (f->stream, TRUE);
  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 10);
  for (guint i = 0; i < 7; i++)
    bbh_test_server_queue (f->server, "recvMsg", 503, "text/html", "");

  bbh_event_stream_start (f->stream);
  for (guint i = 1; i <= 7; i++)
    {
      static const guint step_s[] = { 1, 2, 4, 8, 16, 30, 30 };
      guint retry_in;

      wait_errors (f, i);
      retry_in = bbh_event_stream_get_retry_in (f->stream);
      /* ±20 % around 1, 2, 4 … 30 s (rounded up to whole seconds), never above 30 s. */
      g_assert_cmpuint (retry_in, >=, MAX (1, step_s[i - 1] * 8 / 10));
      g_assert_cmpuint (retry_in, <=, MIN (30, (step_s[i - 1] * 12 + 9) / 10));
      bbh_event_stream_retry_now (f->stream);
    }
}

/* The schedule itself, without waiting for it: 1 s doubling to 30 s, and a jitter that
 * really spreads the delay over ±20 % but never past 30 s. */
static void
test_backoff_schedule (void)
{
  static const guint expected[] = { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint step = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      step = bbh_backoff_next (step);
      g_assert_cmpuint (step, ==, expected[i]);
    }
  /* A success resets it: the stream sets its step back to 0. */
  g_assert_cmpuint (bbh_backoff_next (0), ==, 1000);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint lowest = G_MAXUINT, highest = 0;

      for (guint j = 0; j < 200; j++)
        {
          guint d = bbh_backoff_spread (expected[i], rand);

          lowest = MIN (lowest, d);
          highest = MAX (highest, d);
        }
      g_assert_cmpuint (lowest, >=, expected[i] * 8 / 10);
      g_assert_cmpuint (highest, <=, MIN (expected[i] * 12 / 10, 30000));
      /* Spread, not a constant: 200 draws cover more than a tenth of the ±20 % band. */
      g_assert_cmpuint (highest - lowest, >, expected[i] / 25);
    }
}

/* One request at a time: while a long poll is held, nothing else is sent — not by a watermark
 * set meanwhile, nor by a second start. */
static void
test_one_in_flight (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *m1 = msg (2, "13800138000", 0, -1, 31);
  g_autofree char *held = answer ("waterline", 31, m1, NULL);

  bbh_event_stream_set_watermark (f->stream, 30);
  queue_poll (f, "{\"code\":0,\"waterLine\":30,\"msgs\":[]}");
  bbh_test_server_queue_delayed (f->server, "getLongWaterLine", 500, held);
  bbh_test_server_queue_delayed (f->server, "getLongWaterLine", 5000, "{\"code\":0,\"waterline\":31}");

  bbh_event_stream_start (f->stream);
  wait_requests (f, "getLongWaterLine", 1);
  bbh_event_stream_start (f->stream);
  bbh_event_stream_set_watermark (f->stream, 30);
  wait_ms (300);
  /* The catch-up recvMsg and the held long poll, nothing more. */
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 2);
  g_assert_cmpuint (f->events->len, ==, 0);

  /* Its answer comes; only then is the next one sent. */
  wait_events (f, 1);
  wait_requests (f, "getLongWaterLine", 2);
  wait_ms (300);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 3);
  g_assert_cmpstr (request_param (f, "getLongWaterLine", 1, "waterLine"), ==, "31");
}

static void
test_auth_stops (Fixture       *f,
                 gconstpointer  data)
{
  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_test_server_queue_json (f->server, "recvMsg", "{\"code\":-2,\"message\":\"验证错误\"}");
  bbh_event_stream_start (f->stream);
  wait_errors (f, 1);

  g_assert_error (error_at (f, 0), BBH_ERROR, BBH_ERROR_AUTH);
  g_assert_false (bbh_event_stream_get_running (f->stream));
  g_assert_false (bbh_event_stream_get_connected (f->stream));
  g_assert_cmpuint (bbh_event_stream_get_retry_in (f->stream), ==, 0);
  bbh_event_stream_retry_now (f->stream);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 1);
}

static void
test_no_loss_across_outage (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *e1 = msg (2, "13800138001", 0, -1, 101);
  g_autofree char *e2 = msg (2, "13800138002", 0, -1, 102);
  g_autofree char *e3 = msg (2, "13800138003", 0, -1, 103);
  g_autofree char *e4 = msg (2, "13800138004", 0, -1, 104);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *a3 = NULL;
  static const int codes[] = { BBH_ERROR_HTTP, BBH_ERROR_PROTOCOL, BBH_ERROR_TIMEOUT };
  guint n_connected = 0;
  gulong notify_id;

  notify_id = g_signal_connect (f->stream, "notify::connected",
                                G_CALLBACK (on_notify_count_cb), &n_connected);
  bbh_client_set_timeout (f->client, 1);
  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 100);
  a1 = answer ("waterLine", 102, e1, e2, NULL);
  /* After the outage the server resends what it had, plus what came meanwhile. */
  a2 = answer ("waterLine", 104, e2, e3, e4, NULL);
  a3 = answer ("waterLine", 104, e1, e2, e3, e4, NULL);
  queue_poll (f, a1);
  bbh_test_server_queue (f->server, "recvMsg", 502, "text/html", "<html>Bad Gateway</html>");
  bbh_test_server_queue (f->server, "recvMsg", 200, "application/json", "{\"code\":0,\"msgs\":[{\"kind\"");
  bbh_test_server_queue_delayed (f->server, "recvMsg", 2500, "{\"code\":0,\"msgs\":[]}");
  queue_poll (f, a2);
  queue_poll (f, a3);

  bbh_event_stream_start (f->stream);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      wait_errors (f, i + 1);
      g_assert_error (error_at (f, i), BBH_ERROR, codes[i]);
      g_assert_false (bbh_event_stream_get_connected (f->stream));
      bbh_event_stream_retry_now (f->stream);
    }
  wait_requests (f, "recvMsg", 7);

  g_assert_cmpuint (f->events->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (bbh_event_get_watermark (event_at (f, i)), ==, 101 + i);
      g_assert_true (i < 2 ? bbh_event_get_backlog (event_at (f, i))
                           : !bbh_event_get_backlog (event_at (f, i)));
    }
  g_assert_true (bbh_event_stream_get_connected (f->stream));
  /* Up, down once for the whole outage, up again: three notifications. */
  g_assert_cmpuint (n_connected, ==, 3);
  g_signal_handler_disconnect (f->stream, notify_id);
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 104);
  g_assert_cmpstr (request_param (f, "recvMsg", 4, "waterLine"), ==, "102");
}

static void
test_stop_cancels (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *e1 = msg (2, "13800138001", 0, -1, 11);
  g_autofree char *a1 = answer (NULL, 0, e1, NULL);

  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 10);
  bbh_test_server_queue_delayed (f->server, "recvMsg", 300, a1);
  bbh_event_stream_start (f->stream);
  g_assert_true (bbh_event_stream_get_running (f->stream));
  wait_requests (f, "recvMsg", 1);
  bbh_event_stream_stop (f->stream);
  g_assert_false (bbh_event_stream_get_running (f->stream));

  /* Past the moment the answer comes: nothing is delivered, nothing new is asked. */
  wait_ms (600);
  g_assert_cmpuint (f->events->len, ==, 0);
  g_assert_cmpuint (f->errors->len, ==, 0);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 1);
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 10);
}

static void
on_event_stop_cb (BbhEventStream *stream,
                  BbhEvent       *event,
                  gpointer        user_data)
{
  bbh_event_stream_stop (stream);
}

static void
test_stop_in_handler (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *e1 = msg (2, "13800138001", 0, -1, 11);
  g_autofree char *e2 = msg (2, "13800138002", 0, -1, 12);
  g_autofree char *a1 = answer (NULL, 0, e1, e2, NULL);
  g_autofree char *a2 = answer (NULL, 0, e2, NULL);
  gulong id;

  bbh_event_stream_set_transport (f->stream, BBH_EVENT_TRANSPORT_POLL);
  bbh_event_stream_set_watermark (f->stream, 10);
  queue_poll (f, a1);
  queue_poll (f, a2);
  id = g_signal_connect (f->stream, "event", G_CALLBACK (on_event_stop_cb), NULL);
  bbh_event_stream_start (f->stream);
  wait_events (f, 1);

  /* Stopped after the first: the watermark says so, and the second comes after a restart. */
  g_assert_cmpuint (f->events->len, ==, 1);
  g_assert_cmpint (bbh_event_stream_get_watermark (f->stream), ==, 11);
  g_signal_handler_disconnect (f->stream, id);
  bbh_event_stream_start (f->stream);
  wait_events (f, 2);
  g_assert_cmpint (bbh_event_get_watermark (event_at (f, 1)), ==, 12);
  g_assert_true (bbh_event_get_backlog (event_at (f, 1)));
}

static void
test_unref_while_running (void)
{
  g_autoptr(BbhTestServer) server = bbh_test_server_new ();
  g_autofree char *url = bbh_test_server_dup_url (server);
  g_autoptr(BbhClient) client = bbh_client_new (url, "100008800", "00");
  BbhEventStream *stream = bbh_event_stream_new (client);

  bbh_test_server_queue_delayed (server, "getLongWaterLine", 200, "{\"code\":0,\"waterline\":1}");
  bbh_event_stream_start (stream);
  /* Dropping the last reference cancels: nothing outlives it. */
  g_assert_finalize_object (stream);
  /* Cancelled before or after it reached the server; either way no further request follows
   * and a held answer goes into a closed connection while the server still exists. */
  wait_ms (400);
  g_assert_cmpuint (bbh_test_server_get_n_requests (server), <=, 1);
}

static void
test_properties (void)
{
  g_autoptr(BbhClient) client = bbh_client_new ("127.0.0.1:1", "100008800", "00");
  g_autoptr(BbhEventStream) stream = bbh_event_stream_new (client);
  BbhEventTransport transport;
  guint interval;
  gboolean connected;
  gint64 watermark;

  g_object_get (stream, "transport", &transport, "poll-interval", &interval,
                "connected", &connected, "watermark", &watermark, NULL);
  g_assert_cmpint (transport, ==, BBH_EVENT_TRANSPORT_AUTO);
  g_assert_cmpuint (interval, ==, 1000);
  g_assert_false (connected);
  g_assert_cmpint (watermark, ==, 0);
  g_assert_true (bbh_event_stream_get_jitter (stream));
  g_assert_true (bbh_event_stream_get_client (stream) == client);

  /* Stopped: the stored value is taken as it is, even lower. */
  g_object_set (stream, "watermark", G_GINT64_CONSTANT (9007199254740993), NULL);
  g_assert_cmpint (bbh_event_stream_get_watermark (stream), ==, G_GINT64_CONSTANT (9007199254740993));
  bbh_event_stream_set_watermark (stream, 3);
  g_assert_cmpint (bbh_event_stream_get_watermark (stream), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/agent/event-stream/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("long-poll", test_long_poll);
  ADD ("fallback-to-poll", test_fallback_to_poll);
  ADD ("fallback-404", test_fallback_404);
  ADD ("fallback-silent", test_fallback_silent);
  ADD ("long-poll-timeout", test_long_poll_timeout_after_success);
  ADD ("long-poll-kept", test_long_poll_kept_after_success);
  ADD ("forced-poll", test_forced_poll);
  ADD ("watermark-monotonic", test_watermark_monotonic);
  ADD ("duplicates", test_duplicates);
  ADD ("empty-phone", test_empty_phone);
  ADD ("first-sync", test_first_sync_skips_backlog);
  ADD ("first-sync-pages", test_first_sync_pages);
  ADD ("backlog", test_stored_watermark_backlog);
  ADD ("backlog-long-poll", test_stored_watermark_long_poll);
  ADD ("backoff", test_backoff);
  ADD ("backoff-waits", test_backoff_waits);
  ADD ("jitter", test_jitter);
  ADD ("one-in-flight", test_one_in_flight);
  ADD ("auth-stops", test_auth_stops);
  ADD ("outage", test_no_loss_across_outage);
  ADD ("stop-cancels", test_stop_cancels);
  ADD ("stop-in-handler", test_stop_in_handler);
  g_test_add_func ("/agent/event-stream/unref-while-running", test_unref_while_running);
  g_test_add_func ("/agent/event-stream/properties", test_properties);
  g_test_add_func ("/agent/event-stream/backoff-schedule", test_backoff_schedule);

#undef ADD

  return g_test_run ();
}
