/* reliab-util.c — what the reliability suite measures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "reliab-util.h"
#include "sandbox-test-util.h"

/* ---- main-loop stalls ---- */

/* A gap counts the time the main thread ran, or waited for something (a lock, the disk, a
 * socket), but not the time it waited for a CPU that other processes held: on a loaded
 * machine (two cores, a parallel test run, other builds) that alone reaches hundreds of
 * milliseconds and says nothing about the application. The kernel keeps that wait per thread
 * in /proc/thread-self/schedstat (its second field, in ns); without it the whole gap counts. */
struct _ReliabStallProbe
{
  guint  id;
  int    schedstat_fd;
  gint64 last_us;
  gint64 last_wait_us;
  gint64 max_gap_us;
  gint64 max_gap_wait_us;    /* of the longest gap: how much was a wait for a CPU */
  guint  ticks;
};

static gint64
runqueue_wait_us (ReliabStallProbe *probe)
{
  char buf[128];
  ssize_t n;
  unsigned long long running_ns = 0, waiting_ns = 0;

  if (probe->schedstat_fd < 0)
    return 0;
  n = pread (probe->schedstat_fd, buf, sizeof buf - 1, 0);
  if (n <= 0)
    return 0;
  buf[n] = '\0';
  if (sscanf (buf, "%llu %llu", &running_ns, &waiting_ns) != 2)
    return 0;
  return (gint64) (waiting_ns / 1000);
}

static void
probe_mark (ReliabStallProbe *probe)
{
  probe->last_us = g_get_monotonic_time ();
  probe->last_wait_us = runqueue_wait_us (probe);
}

static gboolean
on_probe_tick_cb (gpointer user_data)
{
  ReliabStallProbe *probe = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 wait = runqueue_wait_us (probe);
  gint64 waited = MAX (wait - probe->last_wait_us, 0);
  gint64 gap = now - probe->last_us - waited;

  if (gap > probe->max_gap_us)
    {
      probe->max_gap_us = gap;
      probe->max_gap_wait_us = waited;
    }
  probe->last_us = now;
  probe->last_wait_us = wait;
  probe->ticks++;
  return G_SOURCE_CONTINUE;
}

ReliabStallProbe *
reliab_stall_probe_new (void)
{
  ReliabStallProbe *probe = g_new0 (ReliabStallProbe, 1);

  /* Read on the main thread, whose ticks these are. */
  probe->schedstat_fd = g_open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC, 0);
  probe->id = g_timeout_add (10, on_probe_tick_cb, probe);
  probe_mark (probe);
  return probe;
}

void
reliab_stall_probe_reset (ReliabStallProbe *probe)
{
  probe_mark (probe);
  probe->max_gap_us = 0;
  probe->max_gap_wait_us = 0;
  probe->ticks = 0;
}

double
reliab_stall_probe_max_ms (ReliabStallProbe *probe)
{
  /* The gap still open counts as well: a stall that has not ended yet is a stall. */
  gint64 waited = MAX (runqueue_wait_us (probe) - probe->last_wait_us, 0);
  gint64 open_gap = g_get_monotonic_time () - probe->last_us - waited;

  return MAX (probe->max_gap_us, open_gap) / 1000.0;
}

guint
reliab_stall_probe_ticks (ReliabStallProbe *probe)
{
  return probe->ticks;
}

void
reliab_stall_probe_free (ReliabStallProbe *probe)
{
  if (probe == NULL)
    return;
  g_clear_handle_id (&probe->id, g_source_remove);
  if (probe->schedstat_fd >= 0)
    close (probe->schedstat_fd);
  g_free (probe);
}

void
reliab_stall_probe_check_limit (ReliabStallProbe *probe,
                                const char       *what,
                                int               limit_ms)
{
  double max_ms = reliab_stall_probe_max_ms (probe);

  g_test_message ("%s: longest main-loop gap %.1f ms over %u ticks (besides %.1f ms of it "
                  "waiting for a CPU)", what, max_ms, probe->ticks, probe->max_gap_wait_us / 1000.0);
  if (max_ms >= limit_ms)
    g_error ("%s: the main loop stalled for %.1f ms (limit %d ms)", what, max_ms, limit_ms);
}

void
reliab_stall_probe_check (ReliabStallProbe *probe,
                          const char       *what)
{
  reliab_stall_probe_check_limit (probe, what, RELIAB_MAX_STALL_MS);
}

/* ---- words ---- */

gboolean
reliab_is_words (const char *text)
{
  g_autoptr(GRegex) code = NULL;
  guint words = 0;
  gboolean in_word = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  /* A person reads words: at least three runs of letters. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }
  if (words < 3)
    return FALSE;

  /* Not a code, an HTTP status line, a page or a GLib enum. */
  code = g_regex_new ("(code|status|errno)\\s*[:=]?\\s*-?\\d+|^\\s*-?\\d+\\s*$|<html|<body|"
                      "G_[A-Z_]+_ERROR|SOUP_|HTTP/1\\.[01]|\\bBBH_",
                      G_REGEX_CASELESS, 0, NULL);
  return !g_regex_match (code, text, 0, NULL);
}

/* ---- waiting ---- */

double
reliab_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

double
reliab_wait (IntegCondition  condition,
             gpointer        user_data,
             guint           timeout_ms,
             const char     *what)
{
  double started = reliab_now_ms ();

  if (!integ_spin_until (condition, user_data, timeout_ms))
    g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
  return reliab_now_ms () - started;
}

static gboolean
on_elapsed_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
reliab_spin_for (guint ms)
{
  gboolean elapsed = FALSE;

  g_timeout_add (ms, on_elapsed_cb, &elapsed);
  while (!elapsed)
    g_main_context_iteration (NULL, TRUE);
}

/* ---- TLS ---- */

GTlsCertificate *
reliab_self_signed_certificate (const char  *dir,
                                GError     **error)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = {
    NULL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", key, "-out", cert, NULL,
  };

  if (openssl == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "openssl is not installed (build-aux/install-deps installs it)");
      return NULL;
    }
  argv[0] = openssl;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "openssl req: %s: ", err);
      return NULL;
    }
  return g_tls_certificate_new_from_files (cert, key, error);
}

static void
on_tls_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  static const char body[] = "{\"code\":0,\"exteId\":1,\"extension\":\"800\",\"name\":\"x\"}";

  (*(guint *) user_data)++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    sizeof body - 1);
}

SoupServer *
reliab_tls_server_new (GTlsCertificate  *certificate,
                       char            **out_url,
                       guint            *out_requests)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  SoupServer *server = soup_server_new ("tls-certificate", certificate, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, on_tls_request_cb, out_requests, NULL);
  soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *out_url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/* ---- the sandbox ---- */

void
reliab_set_up_holding (IntegFixture *f,
                       guint         hold_ms)
{
  g_autofree char *hold = g_strdup_printf ("BABAIHU_SANDBOX_LONGPOLL_MS=%u", hold_ms);
  const char *env[] = {
    hold, "BABAIHU_SANDBOX_CALLBACK_RING_MS=1500", "BABAIHU_SANDBOX_CALLBACK_TALK_MS=1500", NULL,
  };
  SandboxTestServer *server = sandbox_test_server_start (NULL, env);

  /* The same process, addresses and scratch directory, handed to the integration fixture. */
  f->process = g_steal_pointer (&server->process);
  f->url = g_steal_pointer (&server->url);
  f->control_url = g_steal_pointer (&server->control_url);
  f->session = g_steal_pointer (&server->session);
  f->scratch_dir = g_steal_pointer (&server->scratch_dir);
  g_free (server);

  f->agent = integ_client_new (f, INTEG_AGENT, INTEG_AGENT_PASSWORD);
  f->admin = integ_client_new (f, INTEG_ADMIN, INTEG_ADMIN_PASSWORD);
}

typedef struct
{
  gboolean done;
  gboolean refused;
} Probe;

static void
on_probe_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Probe *probe = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              &error);

  probe->refused = body == NULL;
  probe->done = TRUE;
}

static gboolean
probe_done (gpointer user_data)
{
  return ((Probe *) user_data)->done;
}

void
reliab_wait_api_down (IntegFixture *f)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 5, NULL);
  g_autofree char *url = g_strconcat (f->url, "/", NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      Probe probe = { 0 };

      /* A fresh connection each time: a kept-alive one says nothing about the port. */
      soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                        on_probe_sent_cb, &probe);
      reliab_wait (probe_done, &probe, 10000, "a look at the API port");
      if (probe.refused)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("The sandbox's API port still answers after the down fault");
    }
}

/* ---- a notification server ---- */

static GPtrArray *notifications;

static void
on_notification_method_cb (GDBusConnection       *connection,
                           const char            *sender,
                           const char            *path,
                           const char            *interface,
                           const char            *method,
                           GVariant              *parameters,
                           GDBusMethodInvocation *invocation,
                           gpointer               user_data)
{
  if (g_str_equal (method, "AddNotification"))
    {
      g_autoptr(GVariant) dict = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;

      g_variant_get (parameters, "(&s&s@a{sv})", NULL, NULL, &dict);
      g_variant_lookup (dict, "title", "s", &title);
      g_variant_lookup (dict, "body", "s", &body);
      g_ptr_array_add (notifications, g_strdup_printf ("%s\n%s", title ? title : "",
                                                       body ? body : ""));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean notifications_owned;

static void
on_notifications_acquired_cb (GDBusConnection *connection,
                              const char      *name,
                              gpointer         user_data)
{
  notifications_owned = TRUE;
}

static gboolean
flag_is_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

GPtrArray *
reliab_notifications_start (void)
{
  static const char xml[] =
    "<node><interface name='org.gtk.Notifications'>"
    "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='a{sv}' direction='in'/></method>"
    "<method name='RemoveNotification'><arg type='s' direction='in'/>"
    "<arg type='s' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { on_notification_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  if (notifications != NULL)
    return notifications;

  notifications = g_ptr_array_new_with_free_func (g_free);
  info = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0], &vtable,
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                on_notifications_acquired_cb, NULL, NULL, NULL);
  reliab_wait (flag_is_set, &notifications_owned, 10000, "org.gtk.Notifications");
  return notifications;
}

/* ---- the server-side truth ---- */

static int
compare_memo_id (gconstpointer a,
                 gconstpointer b)
{
  gint64 ia = bbh_memo_get_id (*(BbhMemo **) a);
  gint64 ib = bbh_memo_get_id (*(BbhMemo **) b);

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

GPtrArray *
reliab_server_memos (IntegFixture *f,
                     const char   *phone)
{
  g_autoptr(BbhClient) client = integ_client_new (f, INTEG_AGENT, INTEG_AGENT_PASSWORD);
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  guint64 total = 0;

  do
    {
      g_autoptr(GListModel) page = NULL;
      g_autoptr(GError) error = NULL;

      bbh_client_get_memos_async (client, phone, memos->len, 100, NULL, integ_on_result_cb, f);
      page = bbh_client_get_memos_finish (client, integ_wait (f), &total, &error);
      g_assert_no_error (error);
      if (g_list_model_get_n_items (page) == 0)
        break;
      for (guint i = 0; i < g_list_model_get_n_items (page); i++)
        g_ptr_array_add (memos, g_list_model_get_item (page, i));
    }
  while (memos->len < total);

  /* Ids grow with every addMemo: the order the server stored them in. */
  g_ptr_array_sort (memos, compare_memo_id);
  for (guint i = 0; i < memos->len; i++)
    g_ptr_array_add (texts, g_strdup (bbh_memo_get_text (g_ptr_array_index (memos, i))));

  g_clear_object (&f->result);
  integ_assert_finalize (g_steal_pointer (&client));
  return texts;
}

guint
reliab_server_callbacks_to (IntegFixture *f,
                            const char   *dest_phone)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  bbh_client_get_callback_list_async (f->agent, 0, 500, NULL, NULL, NULL, 0, NULL,
                                      integ_on_result_cb, f);
  list = bbh_client_get_callback_list_finish (f->agent, integ_wait (f), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(BbhCallback) callback = g_list_model_get_item (list, i);

      if (g_strcmp0 (bbh_callback_get_dest_phone (callback), dest_phone) == 0)
        n++;
    }
  return n;
}
