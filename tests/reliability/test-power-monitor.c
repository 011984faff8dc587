/* test-power-monitor.c — suspend, resume and network changes, with a fake logind
 *
 * logind is on the system bus; AgentPowerMonitor looks for it on the session bus when
 * BABAIHU_LOGIND_BUS=session, and this test exports a fake org.freedesktop.login1.Manager
 * there (its own connection, so it is a separate peer): `Inhibit` hands out the write end of
 * a pipe — the test sees the lock released when the read end reports a hang-up — and the
 * test emits `PrepareForSleep`. Everything else is real: AgentSession, AgentOutbox and the
 * event stream against a babaihu-sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <gio/gunixfdlist.h>
#include <glib-unix.h>
#include <glib/gstdio.h>

#include "agent-outbox.h"
#include "agent-power-monitor.h"
#include "agent-session.h"
#include "reliab-util.h"

/* ---- a fake logind ---- */

static const char logind_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.login1.Manager'>"
  "    <method name='Inhibit'>"
  "      <arg type='s' name='what' direction='in'/>"
  "      <arg type='s' name='who' direction='in'/>"
  "      <arg type='s' name='why' direction='in'/>"
  "      <arg type='s' name='mode' direction='in'/>"
  "      <arg type='h' name='fd' direction='out'/>"
  "    </method>"
  "    <signal name='PrepareForSleep'>"
  "      <arg type='b' name='start'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *connection;
  guint            object_id;
  guint            name_id;
  gboolean         owned;
  guint            n_inhibits;
  char            *last_what;
  char            *last_mode;
  char            *last_why;
  int              lock_fd;        /* read end of the lock handed out last; -1 when none */
  guint            lock_watch;
  guint            n_released;
  gboolean         checked_in_at_release;
  gpointer         session;        /* AgentSession, to look at when the lock goes */
} FakeLogind;

static gboolean
on_lock_released_cb (int          fd,
                     GIOCondition condition,
                     gpointer     user_data)
{
  FakeLogind *logind = user_data;
  char buffer[16];

  /* The holder closed its end: a hang-up (or EOF on read). */
  if ((condition & G_IO_IN) && read (fd, buffer, sizeof buffer) > 0)
    return G_SOURCE_CONTINUE;

  logind->n_released++;
  if (logind->session != NULL)
    logind->checked_in_at_release = agent_session_get_checked_in (logind->session);
  close (logind->lock_fd);
  logind->lock_fd = -1;
  logind->lock_watch = 0;
  return G_SOURCE_REMOVE;
}

static void
on_logind_method_cb (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *path,
                     const char            *interface,
                     const char            *method,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  FakeLogind *logind = user_data;
  g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
  g_autoptr(GError) error = NULL;
  int pipe_fds[2];
  int index;

  g_assert_cmpstr (method, ==, "Inhibit");
  g_clear_pointer (&logind->last_what, g_free);
  g_clear_pointer (&logind->last_mode, g_free);
  g_clear_pointer (&logind->last_why, g_free);
  g_variant_get (parameters, "(ssss)", &logind->last_what, NULL, &logind->last_why,
                 &logind->last_mode);
  logind->n_inhibits++;

  g_assert_true (g_unix_open_pipe (pipe_fds, FD_CLOEXEC, &error));
  index = g_unix_fd_list_append (fds, pipe_fds[1], &error);
  g_assert_no_error (error);
  close (pipe_fds[1]);

  /* One lock at a time is what the monitor promises; a second would be a leak. */
  g_assert_cmpint (logind->lock_fd, ==, -1);
  logind->lock_fd = pipe_fds[0];
  logind->lock_watch = g_unix_fd_add (pipe_fds[0], G_IO_IN | G_IO_HUP | G_IO_ERR,
                                      on_lock_released_cb, logind);

  g_dbus_method_invocation_return_value_with_unix_fd_list (invocation,
                                                           g_variant_new ("(h)", index), fds);
}

static const GDBusInterfaceVTable logind_vtable = { on_logind_method_cb, NULL, NULL, { 0 } };

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  ((FakeLogind *) user_data)->owned = TRUE;
}

static gboolean
logind_owned (gpointer user_data)
{
  return ((FakeLogind *) user_data)->owned;
}

static void
fake_logind_start (FakeLogind *logind)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (logind_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  logind->lock_fd = -1;
  logind->connection = g_dbus_connection_new_for_address_sync (address,
                         G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                         G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                         NULL, NULL, &error);
  g_assert_no_error (error);
  logind->object_id = g_dbus_connection_register_object (logind->connection,
                                                         "/org/freedesktop/login1",
                                                         info->interfaces[0], &logind_vtable,
                                                         logind, NULL, &error);
  g_assert_no_error (error);
  logind->name_id = g_bus_own_name_on_connection (logind->connection, "org.freedesktop.login1",
                                                  G_BUS_NAME_OWNER_FLAGS_NONE,
                                                  on_name_acquired_cb, NULL, logind, NULL);
  reliab_wait (logind_owned, logind, 10000, "the fake logind's name");
}

static gboolean
lock_released (gpointer user_data)
{
  return ((FakeLogind *) user_data)->n_released > 0;
}

static void
fake_logind_sleep (FakeLogind *logind,
                   gboolean    start)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (logind->connection, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", start), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (logind->connection, NULL, &error);
  g_assert_no_error (error);
}

static void
fake_logind_stop (FakeLogind *logind)
{
  g_clear_handle_id (&logind->lock_watch, g_source_remove);
  if (logind->lock_fd >= 0)
    close (logind->lock_fd);
  g_bus_unown_name (logind->name_id);
  g_dbus_connection_unregister_object (logind->connection, logind->object_id);
  g_dbus_connection_close_sync (logind->connection, NULL, NULL);
  g_clear_object (&logind->connection);
  g_free (logind->last_what);
  g_free (logind->last_mode);
  g_free (logind->last_why);
}

/* ---- fixture ---- */

typedef struct
{
  IntegFixture       f;
  FakeLogind         logind;
  GSettings         *settings;
  AgentSession      *session;
  AgentOutbox       *outbox;
  AgentPowerMonitor *monitor;
  char              *dir;
  GPtrArray         *phones_seen;   /* phones of call events, with their status: "P|S" */
} Power;

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static gboolean
pointer_set (gpointer user_data)
{
  return *(gpointer *) user_data != NULL;
}

static void
on_login_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhExtension) extension = agent_session_login_finish (AGENT_SESSION (object), result,
                                                                  &error);

  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
on_opened_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(AgentOutbox **) user_data = agent_outbox_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_call_event_cb (AgentSession *session,
                  BbhEvent     *event,
                  Power        *p)
{
  g_ptr_array_add (p->phones_seen, g_strdup_printf ("%s|%d", bbh_event_get_phone (event),
                                                    bbh_event_get_status (event)));
}

static gboolean
session_checked_in (gpointer user_data)
{
  return agent_session_get_checked_in (user_data);
}

static gboolean
session_checked_out (gpointer user_data)
{
  return !agent_session_get_checked_in (user_data);
}

static gboolean
session_connected (gpointer user_data)
{
  return agent_session_get_connected (user_data);
}

static gboolean
monitor_inhibited (gpointer user_data)
{
  return agent_power_monitor_get_inhibited (user_data);
}

static gboolean
monitor_not_inhibited (gpointer user_data)
{
  return !agent_power_monitor_get_inhibited (user_data);
}

static gboolean
outbox_empty (gpointer user_data)
{
  return agent_outbox_get_pending (user_data) == 0;
}

static gboolean
settings_have_key (GSettings  *settings,
                   const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key);
}

static void
power_set_up (Power         *p,
              gconstpointer  data)
{
  g_autofree char *md5 = bbh_password_md5 (INTEG_AGENT_PASSWORD);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean logged_in = FALSE;

  integ_set_up (&p->f, NULL);
  fake_logind_start (&p->logind);
  p->dir = g_dir_make_tmp ("reliab-power-XXXXXX", &error);
  g_assert_no_error (error);
  p->phones_seen = g_ptr_array_new_with_free_func (g_free);

  p->settings = g_settings_new (APP_ID);
  if (settings_have_key (p->settings, "check-out-on-suspend"))
    g_settings_set_boolean (p->settings, "check-out-on-suspend", TRUE);
  g_settings_reset (p->settings, "check-in-at-login");

  p->session = agent_session_new (p->settings);
  p->logind.session = p->session;
  g_signal_connect (p->session, "call-event", G_CALLBACK (on_call_event_cb), p);
  agent_session_login_async (p->session, p->f.url, INTEG_AGENT, md5, NULL, on_login_cb,
                             &logged_in);
  reliab_wait (flag_set, &logged_in, INTEG_TIMEOUT_MS, "the login");
  reliab_wait (session_connected, p->session, INTEG_TIMEOUT_MS, "the event stream");
  reliab_wait (session_checked_in, p->session, INTEG_TIMEOUT_MS, "the check-in at login");

  db = g_build_filename (p->dir, "outbox.db", NULL);
  agent_outbox_new_async (db, NULL, on_opened_cb, &p->outbox);
  reliab_wait (pointer_set, &p->outbox, 10000, "the outbox");
  agent_outbox_set_client (p->outbox, agent_session_get_client (p->session));

  p->monitor = agent_power_monitor_new (p->session, p->settings, NULL);
  agent_power_monitor_set_outbox (p->monitor, p->outbox);
}

static void
on_logout_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  agent_session_logout_finish (AGENT_SESSION (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
power_tear_down (Power         *p,
                 gconstpointer  data)
{
  gboolean logged_out = FALSE;

  integ_assert_finalize (g_steal_pointer (&p->monitor));
  agent_outbox_set_client (p->outbox, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  integ_assert_finalize (g_steal_pointer (&p->outbox));
  g_signal_handlers_disconnect_by_data (p->session, p);
  agent_session_logout_async (p->session, on_logout_cb, &logged_out);
  reliab_wait (flag_set, &logged_out, 10000, "the logout");
  p->logind.session = NULL;
  integ_assert_finalize (g_steal_pointer (&p->session));
  g_settings_reset (p->settings, "check-out-on-suspend");
  g_clear_object (&p->settings);
  fake_logind_stop (&p->logind);
  g_clear_pointer (&p->phones_seen, g_ptr_array_unref);
  {
    g_autoptr(GDir) dir = g_dir_open (p->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (p->dir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (p->dir);
  }
  g_clear_pointer (&p->dir, g_free);
  integ_tear_down (&p->f, NULL);
}

/* ---- helpers ---- */

/* The requests for @method the sandbox served (without a fault) since the @since-th. */
static guint
count_requests (Power      *p,
                const char *method,
                guint       since,
                const char *status,
                guint      *out_total)
{
  g_autoptr(JsonObject) log = integ_control (&p->f, "/sandbox/requests", NULL);
  JsonArray *requests = json_object_get_array_member (log, "requests");
  guint n = 0;

  for (guint i = since; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);
      JsonObject *params;

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "method", ""), method) != 0
          || g_strcmp0 (json_object_get_string_member_with_default (entry, "fault", ""), "none") != 0)
        continue;
      params = json_object_get_object_member (entry, "params");
      if (status != NULL && g_strcmp0 (json_object_get_string_member_with_default (params, "status",
                                                                                   ""), status) != 0)
        continue;
      n++;
    }
  if (out_total != NULL)
    *out_total = json_array_get_length (requests);
  return n;
}

static guint
log_length (Power *p)
{
  guint total = 0;

  count_requests (p, "", 0, NULL, &total);
  return total;
}

static gboolean
stream_backed_off (gpointer user_data)
{
  AgentSession *session = user_data;

  /* The third back-off step: left alone, the stream would not look again for 4 s. */
  return !agent_session_get_connected (session) && agent_session_get_retry_in (session) >= 4;
}

typedef struct
{
  Power      *p;
  const char *phone;
} HungUp;

static gboolean
call_hung_up (gpointer user_data)
{
  HungUp *h = user_data;
  g_autofree char *two = g_strdup_printf ("%s|2", h->phone);
  g_autofree char *three = g_strdup_printf ("%s|3", h->phone);

  for (guint i = 0; i < h->p->phones_seen->len; i++)
    if (g_str_equal (g_ptr_array_index (h->p->phones_seen, i), two)
        || g_str_equal (g_ptr_array_index (h->p->phones_seen, i), three))
      return TRUE;
  return FALSE;
}

static guint
count_seen (Power      *p,
            const char *phone,
            int         status)
{
  g_autofree char *key = g_strdup_printf ("%s|%d", phone, status);
  guint n = 0;

  for (guint i = 0; i < p->phones_seen->len; i++)
    n += g_str_equal (g_ptr_array_index (p->phones_seen, i), key);
  return n;
}

typedef struct
{
  Power *p;
  guint  since;
} RenewedSince;

static gboolean
login_renewed (gpointer user_data)
{
  RenewedSince *renewed = user_data;

  return count_requests (renewed->p, "getExtension", renewed->since, NULL, NULL) > 0;
}

static void
on_checked_in_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  agent_session_set_checked_in_finish (AGENT_SESSION (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
on_memo_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error), >, 0);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
add_memo (Power      *p,
          const char *phone,
          const char *text)
{
  gboolean added = FALSE;

  agent_outbox_add_memo_async (p->outbox, phone, text, NULL, NULL, on_memo_added_cb, &added);
  reliab_wait (flag_set, &added, 10000, "the memo's commit");
}

/* ---- tests ---- */

static void
test_sleep_and_resume (Power         *p,
                       gconstpointer  data)
{
  g_autofree char *check_out = g_strdup_printf ("%d", BBH_CHECK_OUT);
  g_autofree char *check_in = g_strdup_printf ("%d", BBH_CHECK_IN);
  g_autofree char *phone = integ_unique_phone ();
  g_autofree char *memo_phone = integ_unique_phone ();
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(ReliabStallProbe) probe = reliab_stall_probe_new ();
  HungUp hung_up = { p, phone };
  guint before, woke, inhibits;
  double started, took;

  /* A delay lock, taken in advance, so that the check-out can happen before the sleep. */
  reliab_wait (monitor_inhibited, p->monitor, 10000, "the sleep inhibitor");
  g_assert_cmpstr (p->logind.last_what, ==, "sleep");
  g_assert_cmpstr (p->logind.last_mode, ==, "delay");
  reliab_assert_words ("the inhibitor's reason", p->logind.last_why);
  inhibits = p->logind.n_inhibits;

  /* The computer is about to sleep: checked out, and only then the lock goes. */
  before = log_length (p);
  fake_logind_sleep (&p->logind, TRUE);
  reliab_wait (session_checked_out, p->session, 10000, "the check-out");
  reliab_wait (monitor_not_inhibited, p->monitor, 10000, "the lock to go");
  reliab_wait (lock_released, &p->logind, 10000, "logind to see the lock go");
  g_assert_cmpuint (p->logind.n_released, ==, 1);
  g_assert_false (p->logind.checked_in_at_release);
  g_assert_cmpuint (count_requests (p, "setUserCheckInOut", before, check_out, NULL), ==, 1);
  g_assert_true (agent_power_monitor_get_sleeping (p->monitor));

  /* Asleep: the network is gone, a call rings and ends, a memo waits in the outbox, and the
   * event stream backs off to its 4 s step. */
  integ_fault (&p->f, "down", 0);
  reliab_wait_api_down (&p->f);
  integ_script_call (&p->f, INTEG_AGENT, phone, FALSE, 100, 200, FALSE);
  add_memo (p, memo_phone, "Written just before the lid closed");
  reliab_wait (stream_backed_off, p->session, 20000, "the stream to back off");
  g_assert_cmpuint (agent_outbox_get_pending (p->outbox), ==, 1);

  /* Awake, and the network is back: everything within 2 s, not at the next back-off step. */
  integ_fault (&p->f, "none", 0);
  woke = log_length (p);
  g_test_message ("before waking: connected %d, retry in %u s, checked in %d, pending %u",
                  agent_session_get_connected (p->session), agent_session_get_retry_in (p->session),
                  agent_session_get_checked_in (p->session), agent_outbox_get_pending (p->outbox));
  reliab_stall_probe_reset (probe);
  started = reliab_now_ms ();
  fake_logind_sleep (&p->logind, FALSE);
  reliab_wait (session_connected, p->session, 10000, "the stream after the sleep");
  reliab_wait (call_hung_up, &hung_up, 10000, "the call that rang during the sleep");
  reliab_wait (outbox_empty, p->outbox, 10000, "the memo written before the sleep");
  reliab_wait (session_checked_in, p->session, 10000, "the check-in after the sleep");
  took = reliab_now_ms () - started;
  g_test_message ("caught up and checked in again %.0f ms after waking", took);
  g_assert_cmpfloat (took, <=, RELIAB_RECOVERY_MS);
  reliab_stall_probe_check (probe, "waking up");

  g_assert_false (agent_power_monitor_get_sleeping (p->monitor));
  g_assert_cmpuint (count_requests (p, "setUserCheckInOut", woke, check_in, NULL), ==, 1);
  {
    RenewedSince renewed = { p, woke };

    reliab_wait (login_renewed, &renewed, RELIAB_RECOVERY_MS, "the login to be renewed");
  }
  reliab_wait (monitor_inhibited, p->monitor, 10000, "a new sleep inhibitor");
  g_assert_cmpuint (p->logind.n_inhibits, ==, inhibits + 1);

  /* The call that rang while asleep, once per step; the memo once. */
  g_assert_cmpuint (count_seen (p, phone, 0), ==, 1);
  g_assert_cmpuint (count_seen (p, phone, 1), ==, 1);
  g_assert_cmpuint (count_seen (p, phone, 2) + count_seen (p, phone, 3), ==, 1);
  memos = reliab_server_memos (&p->f, memo_phone);
  g_assert_cmpuint (memos->len, ==, 1);
}

/* An agent who was checked out before the sleep stays checked out after it. */
static void
test_sleep_checked_out (Power         *p,
                        gconstpointer  data)
{
  g_autofree char *check_in = g_strdup_printf ("%d", BBH_CHECK_IN);
  gboolean done = FALSE;
  guint woke;

  agent_session_set_checked_in_async (p->session, FALSE, NULL, on_checked_in_cb, &done);
  reliab_wait (flag_set, &done, 10000, "the check-out");
  reliab_wait (monitor_inhibited, p->monitor, 10000, "the sleep inhibitor");

  fake_logind_sleep (&p->logind, TRUE);
  reliab_wait (monitor_not_inhibited, p->monitor, 10000, "the lock to go");
  woke = log_length (p);
  fake_logind_sleep (&p->logind, FALSE);
  reliab_wait (monitor_inhibited, p->monitor, 10000, "a new sleep inhibitor");
  reliab_wait (session_connected, p->session, 10000, "the stream");
  g_assert_false (agent_session_get_checked_in (p->session));
  g_assert_cmpuint (count_requests (p, "setUserCheckInOut", woke, check_in, NULL), ==, 0);
}

static void
test_network_changed (Power         *p,
                      gconstpointer  data)
{
  g_autofree char *memo_phone = integ_unique_phone ();
  g_autoptr(GPtrArray) memos = NULL;
  guint back;
  double started, took;

  integ_fault (&p->f, "down", 0);
  reliab_wait_api_down (&p->f);
  add_memo (p, memo_phone, "Written while the network was away");
  reliab_wait (stream_backed_off, p->session, 20000, "the stream to back off");
  g_assert_true (agent_session_get_checked_in (p->session));

  integ_fault (&p->f, "none", 0);
  back = log_length (p);
  started = reliab_now_ms ();
  g_signal_emit_by_name (g_network_monitor_get_default (), "network-changed", TRUE);
  reliab_wait (session_connected, p->session, 10000, "the stream after the network change");
  reliab_wait (outbox_empty, p->outbox, 10000, "the memo");
  took = reliab_now_ms () - started;
  g_test_message ("caught up %.0f ms after the network changed", took);
  g_assert_cmpfloat (took, <=, RELIAB_RECOVERY_MS);
  /* The login is renewed alongside; the sandbox logs a request once it has answered it. */
  {
    RenewedSince renewed = { p, back };

    reliab_wait (login_renewed, &renewed, RELIAB_RECOVERY_MS, "the login to be renewed");
  }
  /* A network change is not a sleep: the check-in stays as it was. */
  g_assert_true (agent_session_get_checked_in (p->session));
  memos = reliab_server_memos (&p->f, memo_phone);
  g_assert_cmpuint (memos->len, ==, 1);
}

/* With the setting off, the lock goes and a sleep leaves the agent checked in. */
static void
test_setting_off (Power         *p,
                  gconstpointer  data)
{
  guint before;

  if (!settings_have_key (p->settings, "check-out-on-suspend"))
    {
      g_test_skip ("the schema has no check-out-on-suspend key");
      return;
    }

  reliab_wait (monitor_inhibited, p->monitor, 10000, "the sleep inhibitor");
  g_settings_set_boolean (p->settings, "check-out-on-suspend", FALSE);
  reliab_wait (monitor_not_inhibited, p->monitor, 10000, "the lock to go");

  before = log_length (p);
  fake_logind_sleep (&p->logind, TRUE);
  fake_logind_sleep (&p->logind, FALSE);
  reliab_wait (session_connected, p->session, 10000, "the stream");
  /* The resume's getExtension shows both signals were handled. */
  {
    RenewedSince renewed = { p, before };

    reliab_wait (login_renewed, &renewed, 10000, "the login to be renewed");
  }
  g_assert_cmpuint (count_requests (p, "setUserCheckInOut", before, NULL, NULL), ==, 0);
  g_assert_true (agent_session_get_checked_in (p->session));
  g_assert_false (agent_power_monitor_get_inhibited (p->monitor));
}

static void
test_default_on (void)
{
  g_autoptr(GSettingsSchema) schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) value = NULL;

  g_assert_nonnull (schema);
  if (!g_settings_schema_has_key (schema, "check-out-on-suspend"))
    {
      g_test_skip ("the schema has no check-out-on-suspend key (the monitor acts as if on)");
      return;
    }
  key = g_settings_schema_get_key (schema, "check-out-on-suspend");
  value = g_settings_schema_key_get_default_value (key);
  g_assert_true (g_variant_get_boolean (value));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("BABAIHU_LOGIND_BUS", "session", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/agent/power-monitor/sleep-and-resume", Power, NULL, power_set_up,
              test_sleep_and_resume, power_tear_down);
  g_test_add ("/agent/power-monitor/sleep-checked-out", Power, NULL, power_set_up,
              test_sleep_checked_out, power_tear_down);
  g_test_add ("/agent/power-monitor/network-changed", Power, NULL, power_set_up,
              test_network_changed, power_tear_down);
  g_test_add ("/agent/power-monitor/setting-off", Power, NULL, power_set_up,
              test_setting_off, power_tear_down);
  g_test_add_func ("/agent/power-monitor/default-on", test_default_on);

  return g_test_run ();
}
