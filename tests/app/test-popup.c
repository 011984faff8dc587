/* test-popup.c — the call pop-up in the real application, against a real babaihu-sandbox
 *
 * Calls are scripted with the sandbox's POST /sandbox/call; the application receives them
 * through its event stream like any call, and the test looks at what the agent would see:
 * which pop-up, which customer, which state, what reached the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "agent-application.h"
#include "agent-customer-editor.h"
#include "agent-phone.h"
#include "agent-popup-manager.h"
#include "agent-popup-manager-private.h"
#include "agent-trace.h"
#include "bbh-event-private.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#endif

#define DEMO_ACCOUNT   "100008800"
#define DEMO_PASSWORD  "02367073578"
#define WAIT_MS        20000

typedef struct
{
  TestSandbox *sandbox;
  BbhClient   *client;      /* the test's own view of the server */
  char        *password_file;
  goffset      trace_offset;
  const char  *phone;       /* the caller of the case */
  const char  *extra_phone;
} Fixture;

/* ---- helpers ---- */

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
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

static char *
unique_phone (void)
{
  static guint serial;

  /* A mobile number no demo customer has: 199 plus the pid and a counter. */
  return g_strdup_printf ("199%04u%04u", (guint) getpid () % 10000, ++serial % 10000);
}

static void
save_customer (Fixture         *f,
               BbhCustomerEdit *edit)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  bbh_client_save_customer_async (f->client, edit, NULL, on_done_cb, &wait);
  wait_done (&wait);
  g_assert_true (bbh_client_save_customer_finish (f->client, wait.result, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

static void
create_customer (Fixture    *f,
                 const char *phone,
                 const char *name,
                 const char *corp)
{
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();

  bbh_customer_edit_set_name (edit, name);
  bbh_customer_edit_set_corp_name (edit, corp);
  bbh_customer_edit_add_phone (edit, phone, NULL, NULL);
  save_customer (f, edit);
}

static BbhCustomer *
get_customer (Fixture    *f,
              const char *phone)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  BbhCustomer *customer;

  bbh_client_get_customer_async (f->client, phone, NULL, on_done_cb, &wait);
  wait_done (&wait);
  customer = bbh_client_get_customer_finish (f->client, wait.result, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return customer;
}

static guint
count_memos (Fixture    *f,
             const char *phone,
             const char *text)
{
  g_autoptr(GListModel) memos = test_sandbox_get_memos (f->sandbox, f->client, phone);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (memos); i++)
    {
      g_autoptr(BbhMemo) memo = g_list_model_get_item (memos, i);

      if (g_strcmp0 (bbh_memo_get_text (memo), text) == 0)
        n++;
    }
  return n;
}

static AgentPopupManager *
manager_of (AgentApplication *app)
{
  AgentPopupManager *manager = agent_popup_manager_get_for_application (GTK_APPLICATION (app));

  g_assert_nonnull (manager);
  return manager;
}

static void
wait_logged_in (AgentApplication *app)
{
  AgentSession *session = agent_application_get_session (app);
  AgentPopupManager *manager = manager_of (app);

  TEST_WAIT_UNTIL (agent_session_get_logged_in (session), WAIT_MS);
  /* Calls are only received once the stream runs, and memos only kept once the outbox is open. */
  TEST_WAIT_UNTIL (agent_session_get_event_stream (session) != NULL &&
                   bbh_event_stream_get_running (agent_session_get_event_stream (session)),
                   WAIT_MS);
  /* …and once its first answer is in: a first login skips what the server already holds
   * (PROTOCOL.md), so a call that rang before that answer would never be seen. */
  TEST_WAIT_UNTIL (agent_session_get_connected (session), WAIT_MS);
  TEST_WAIT_UNTIL (agent_popup_manager_get_outbox (manager) != NULL, WAIT_MS);
}

static AgentCallPopup *
wait_popup (AgentApplication *app,
            const char       *phone)
{
  AgentPopupManager *manager = manager_of (app);
  AgentCallPopup *popup = NULL;

  TEST_WAIT_UNTIL ((popup = agent_popup_manager_find_popup (manager, phone)) != NULL &&
                   gtk_widget_get_mapped (GTK_WIDGET (popup)), WAIT_MS);
  return popup;
}

static guint
count_trace (Fixture    *f,
             const char *event,
             const char *field,
             const char *value)
{
  g_autoptr(GPtrArray) lines = test_trace_read (f->trace_offset);
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = g_ptr_array_index (lines, i);
      JsonNode *node;

      if (g_strcmp0 (json_object_get_string_member_with_default (line, "event", ""), event) != 0)
        continue;
      node = json_object_get_member (line, field);
      if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (g_strcmp0 (json_node_get_string (node), value) == 0)
        n++;
    }
  return n;
}

static const char *
label_text (AgentCallPopup *popup,
            const char     *name)
{
  return gtk_label_get_text (test_template_child (popup, AGENT_TYPE_CALL_POPUP, name));
}

static void
type_memo (AgentCallPopup *popup,
           const char     *text)
{
  gtk_text_buffer_set_text (agent_call_popup_get_memo_buffer (popup), text, -1);
}

/* ---- a notification server of our own (the test session has none) ---- */

typedef struct
{
  char  *summary;
  char  *body;
  GStrv  actions;   /* the labels only */
} Notification;

static GPtrArray *notifications;
static gboolean notification_server_ready;

static void
notification_free (Notification *n)
{
  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n);
}

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

static void
on_notifications_call_cb (GDBusConnection       *connection,
                          const char            *sender,
                          const char            *path,
                          const char            *interface,
                          const char            *method,
                          GVariant              *parameters,
                          GDBusMethodInvocation *invocation,
                          gpointer               user_data)
{
  if (g_str_equal (method, "Notify"))
    {
      Notification *n = g_new0 (Notification, 1);
      g_autofree const char **actions = NULL;
      g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

      g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, NULL, NULL,
                     &actions, NULL, NULL);
      g_variant_get_child (parameters, 3, "s", &n->summary);
      g_variant_get_child (parameters, 4, "s", &n->body);
      /* Pairs of a key and a label. */
      for (guint i = 1; actions != NULL && actions[i - 1] != NULL && actions[i] != NULL; i += 2)
        g_strv_builder_add (labels, actions[i]);
      n->actions = g_strv_builder_end (labels);
      g_ptr_array_add (notifications, n);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notifications->len));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test", "babaihu", "1", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  notification_server_ready = TRUE;
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call_cb, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) notification_free);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_REPLACE, on_name_acquired_cb, NULL, NULL,
                                NULL);
  while (!notification_server_ready)
    g_main_context_iteration (NULL, TRUE);
}

static Notification *
find_notification (const char *summary,
                   const char *body_part)
{
  for (guint i = 0; i < notifications->len; i++)
    {
      Notification *n = g_ptr_array_index (notifications, i);

      if (g_strcmp0 (n->summary, summary) == 0 && n->body != NULL &&
          strstr (n->body, body_part) != NULL)
        return n;
    }
  return NULL;
}

/* ---- fixture ---- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *md5 = bbh_password_md5 (DEMO_PASSWORD);

  f->sandbox = test_sandbox_new ();
  f->client = bbh_client_new (test_sandbox_get_url (f->sandbox), DEMO_ACCOUNT, md5);
  f->password_file = test_write_password_file (DEMO_PASSWORD);
  f->trace_offset = test_trace_offset ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->sandbox, test_sandbox_free);
  g_unlink (f->password_file);
  g_free (f->password_file);
}

static void
run (Fixture     *f,
     TestAppBody  body)
{
  const char *argv[] = { "--server", test_sandbox_get_url (f->sandbox),
                         "--account", DEMO_ACCOUNT,
                         "--password-file", f->password_file, NULL };

  test_app_run (argv, body, f);
}

/* ---- cases ---- */

static void
incoming_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  AgentCallPopup *popup;
  GtkWidget *focus;
  BbhCustomer *customer;

  wait_logged_in (app);
  create_customer (f, phone, "韩梅梅", "重庆八百呼测试有限公司");
  g_settings_set_string (agent_application_get_settings (app), "screen-pop-url",
                         "https://crm.example.com/pop?tel={phone}&dir={direction}");

  test_sandbox_call (f->sandbox, "800", phone, "in", 4000, 0, FALSE);
  popup = wait_popup (app, phone);

  /* The company's own screen-pop page is opened on ring, with the number filled in. */
  {
    g_autofree char *uri = g_strdup_printf ("https://crm.example.com/pop?tel=%s&dir=in", phone);

    TEST_WAIT_UNTIL (count_trace (f, "screen-pop-opened", "uri", uri) == 1, WAIT_MS);
    g_settings_reset (agent_application_get_settings (app), "screen-pop-url");
  }

  /* The number is there at once, formatted; the memo field has the focus. */
  g_assert_cmpstr (agent_call_popup_get_phone (popup), ==, phone);
  {
    g_autofree char *number = agent_phone_format (phone);

    g_assert_cmpstr (label_text (popup, "number_label"), ==, number);
  }
  g_assert_cmpint (agent_call_popup_get_state (popup), ==, AGENT_CALL_STATE_RINGING);
  focus = gtk_window_get_focus (GTK_WINDOW (popup));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));

  /* The customer comes in by itself, with the right name. */
  TEST_WAIT_UNTIL (g_strcmp0 (agent_call_popup_get_section_state (popup, "customer"),
                              "loading") != 0, WAIT_MS);
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "customer"), ==, "found");
  customer = agent_call_popup_get_customer (popup);
  g_assert_nonnull (customer);
  g_assert_cmpstr (bbh_customer_get_name (customer), ==, "韩梅梅");
  g_assert_cmpstr (bbh_customer_get_corp_name (customer), ==, "重庆八百呼测试有限公司");
  /* …on screen: the first row of the customer section. */
  {
    GtkListBox *list = test_template_child (popup, AGENT_TYPE_CALL_POPUP, "customer_list");
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "韩梅梅");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                     "重庆八百呼测试有限公司");
  }
  TEST_WAIT_UNTIL (g_strcmp0 (agent_call_popup_get_section_state (popup, "memos"),
                              "loading") != 0, WAIT_MS);
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "memos"), ==, "empty");

  /* The number's area, as the server names it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BbhArea) area = NULL;
    g_autofree char *expected = NULL;
    Wait wait = { 0 };

    bbh_client_get_area_phone_async (f->client, phone, NULL, on_done_cb, &wait);
    wait_done (&wait);
    area = bbh_client_get_area_phone_finish (f->client, wait.result, &error);
    g_object_unref (wait.result);
    g_assert_no_error (error);
    expected = g_strdup_printf ("%s · %s", bbh_area_get_area (area), bbh_area_get_area_code (area));
    TEST_WAIT_UNTIL (g_strcmp0 (label_text (popup, "area_label"), expected) == 0, WAIT_MS);
  }

  /* Painted once, and traced once, for this call. */
  TEST_WAIT_UNTIL (count_trace (f, "popup-shown", "phone", phone) >= 1, WAIT_MS);
  g_assert_cmpuint (count_trace (f, "popup-shown", "phone", phone), ==, 1);

  /* Escape closes it (nothing typed, so nothing is asked). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "window.close", NULL));
  TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popup)), WAIT_MS);
  g_assert_null (agent_popup_manager_find_popup (manager_of (app), phone));
}

static void
test_incoming (Fixture       *f,
               gconstpointer  data)
{
  run (f, incoming_body);
}

static void
follows_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  AgentCallPopup *popup;
  BbhCallRecord *record;
  gint64 cdr_id;

  GSettings *settings = agent_application_get_settings (app);
  GtkWidget *play_button;
  g_autofree char *uri = NULL;
  g_autofree char *id = NULL;
  g_autofree char *ended = NULL;

  wait_logged_in (app);
  /* The company's page opens on answer, with the call's id and the agent's extension. */
  g_settings_set_string (settings, "screen-pop-url",
                         "https://crm.example.com/pop/{direction}?tel={phone}&cdr={cdrId}&ext={extension}");
  g_settings_set_string (settings, "screen-pop-when", "answer");
  cdr_id = test_sandbox_call (f->sandbox, "800", phone, "in", 1000, 3500, TRUE);
  popup = wait_popup (app, phone);
  play_button = test_template_child (popup, AGENT_TYPE_CALL_POPUP, "play_button");
  g_assert_cmpstr (label_text (popup, "state_label"), ==, "Ringing…");
  g_assert_false (gtk_widget_get_visible (play_button));

  TEST_WAIT_UNTIL (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_TALKING, WAIT_MS);
  /* The server names the call record only at the hang-up (cdrId -1 before): on answer the
   * placeholder is empty, or the call's own id should a server know it already. */
  uri = g_strdup_printf ("https://crm.example.com/pop/in?tel=%s&cdr=&ext=800", phone);
  id = g_strdup_printf ("https://crm.example.com/pop/in?tel=%s&cdr=%" G_GINT64_FORMAT "&ext=800",
                        phone, cdr_id);
  TEST_WAIT_UNTIL (count_trace (f, "screen-pop-opened", "uri", uri) +
                   count_trace (f, "screen-pop-opened", "uri", id) == 1, WAIT_MS);
  g_clear_pointer (&id, g_free);
  g_settings_reset (settings, "screen-pop-url");
  g_settings_reset (settings, "screen-pop-when");
  /* The timer runs while they talk, on screen. */
  TEST_WAIT_UNTIL (agent_call_popup_get_talk_seconds (popup) >= 1, WAIT_MS);
  TEST_WAIT_UNTIL (g_str_has_prefix (label_text (popup, "state_label"), "Talking · 00:01") ||
                   agent_call_popup_get_state (popup) != AGENT_CALL_STATE_TALKING, WAIT_MS);
  TEST_WAIT_UNTIL (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_ENDED, WAIT_MS);

  /* The record of this very call arrives, with its duration and a recording to play. */
  TEST_WAIT_UNTIL ((record = agent_call_popup_get_call_record (popup)) != NULL, WAIT_MS);
  g_assert_cmpint (bbh_call_record_get_id (record), ==, cdr_id);
  g_assert_cmpint (agent_call_popup_get_cdr_id (popup), ==, cdr_id);
  g_assert_true (bbh_call_record_has_recording (record));
  g_assert_cmpuint (agent_call_popup_get_talk_seconds (popup), >=, 2);
  g_assert_cmpuint (agent_call_popup_get_talk_seconds (popup), <=, 6);
  /* The duration shown is the server's, and the recording can be played from here. */
  g_assert_cmpuint (agent_call_popup_get_talk_seconds (popup), ==,
                    bbh_call_record_get_talk_time (record));
  ended = g_strdup_printf ("Ended · 00:%02d", bbh_call_record_get_talk_time (record));
  g_assert_cmpstr (label_text (popup, "state_label"), ==, ended);
  g_assert_true (gtk_widget_get_visible (play_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.play-recording", NULL));
  id = g_strdup_printf ("%" G_GINT64_FORMAT, cdr_id);
  TEST_WAIT_UNTIL (count_trace (f, "playback-state", "cdrId", id) >= 1, WAIT_MS);

  /* The pop-up stays until the agent closes it. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popup)));
  g_assert_cmpuint (g_list_model_get_n_items (agent_popup_manager_get_missed (manager_of (app))),
                    ==, 0);
  agent_call_popup_close (popup);
  TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popup)), WAIT_MS);

  /* The same number calls again: its last calls list the one just ended. */
  test_sandbox_call (f->sandbox, "800", phone, "in", 3000, 0, FALSE);
  popup = wait_popup (app, phone);
  TEST_WAIT_UNTIL (g_strcmp0 (agent_call_popup_get_section_state (popup, "calls"), "loading") != 0,
                   WAIT_MS);
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "calls"), ==, "list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (test_template_child (popup,
                                                                        AGENT_TYPE_CALL_POPUP,
                                                                        "calls_list"), 0));
  agent_call_popup_close (popup);
}

static void
test_follows (Fixture       *f,
              gconstpointer  data)
{
  run (f, follows_body);
}

static void
memo_body (AgentApplication *app,
           gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autofree char *text = g_strdup_printf ("客户要报价单，周五前回电 %s", phone);
  AgentPopupManager *manager = manager_of (app);
  AgentOutbox *outbox;
  AgentCallPopup *popup;

  wait_logged_in (app);
  outbox = agent_popup_manager_get_outbox (manager);
  test_sandbox_call (f->sandbox, "800", phone, "in", 500, 20000, FALSE);
  popup = wait_popup (app, phone);

  type_memo (popup, text);
  g_assert_true (agent_call_popup_has_unsaved_memo (popup));
  /* Ctrl+Enter is this action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.save-memo", NULL));

  /* Committed first, then traced; the field is emptied for the next note. */
  TEST_WAIT_UNTIL (count_trace (f, "memo-queued", "phone", phone) == 1, WAIT_MS);
  g_assert_false (agent_call_popup_has_unsaved_memo (popup));
  TEST_WAIT_UNTIL (agent_outbox_get_pending (outbox) == 0, WAIT_MS);
  TEST_WAIT_UNTIL (count_memos (f, phone, text) == 1, WAIT_MS);

  /* And only once. */
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "addMemo"), ==, 1);
  /* The memo list shows it (the agent's own copy, or the server's once it answered). */
  TEST_WAIT_UNTIL (g_strcmp0 (agent_call_popup_get_section_state (popup, "memos"),
                              "loading") != 0, WAIT_MS);
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "memos"), ==, "list");
  agent_call_popup_close (popup);
}

static void
test_memo (Fixture       *f,
           gconstpointer  data)
{
  run (f, memo_body);
}

static void
memo_outage_body (AgentApplication *app,
                  gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autofree char *text = g_strdup_printf ("服务器宕机时记下的 %s", phone);
  GtkWidget *pending_label;
  AgentOutbox *outbox;
  AgentCallPopup *popup;

  wait_logged_in (app);
  outbox = agent_popup_manager_get_outbox (manager_of (app));
  agent_outbox_set_retry_delay (outbox, 200);
  pending_label = test_template_child (agent_popup_manager_get_dialer (manager_of (app)),
                                       AGENT_TYPE_DIALER, "pending_label");

  test_sandbox_call (f->sandbox, "800", phone, "in", 500, 20000, FALSE);
  popup = wait_popup (app, phone);

  test_sandbox_fault (f->sandbox, "down", 3000);
  type_memo (popup, text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.save-memo", NULL));

  /* Saved on disk while the server is down, and the agent is told it waits. */
  TEST_WAIT_UNTIL (count_trace (f, "memo-queued", "phone", phone) == 1, WAIT_MS);
  TEST_WAIT_UNTIL (agent_outbox_get_stalled (outbox), WAIT_MS);
  g_assert_cmpuint (agent_outbox_get_pending (outbox), ==, 1);
  /* The main window counts what waits. */
  TEST_WAIT_UNTIL (gtk_widget_get_visible (pending_label) &&
                   g_str_has_prefix (gtk_label_get_text (GTK_LABEL (pending_label)),
                                     "1 change is waiting to be sent."), WAIT_MS);

  /* The server comes back by itself; the memo arrives, once. */
  TEST_WAIT_UNTIL (agent_outbox_get_pending (outbox) == 0, 40000);
  g_assert_cmpuint (count_memos (f, phone, text), ==, 1);
  TEST_WAIT_UNTIL (!gtk_widget_get_visible (pending_label), WAIT_MS);
  agent_call_popup_close (popup);
}

static void
test_memo_outage (Fixture       *f,
                  gconstpointer  data)
{
  run (f, memo_outage_body);
}

static void
missed_body (AgentApplication *app,
             gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  AgentPopupManager *manager = manager_of (app);
  GListModel *missed = agent_popup_manager_get_missed (manager);
  g_autoptr(BbhEvent) event = NULL;
  AgentCallPopup *popup;

  wait_logged_in (app);
  g_assert_cmpuint (g_list_model_get_n_items (missed), ==, 0);

  /* Rings, nobody answers. */
  test_sandbox_call (f->sandbox, "800", phone, "in", 1500, 0, FALSE);
  popup = wait_popup (app, phone);
  TEST_WAIT_UNTIL (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_MISSED, WAIT_MS);

  TEST_WAIT_UNTIL (g_list_model_get_n_items (missed) == 1, WAIT_MS);
  event = g_list_model_get_item (missed, 0);
  g_assert_cmpstr (bbh_event_get_phone (event), ==, phone);
  TEST_WAIT_UNTIL (count_trace (f, "call-missed", "phone", phone) == 1, WAIT_MS);

  /* The desktop says so too, with a way to call back. */
  {
    g_autofree char *number = agent_phone_format (phone);
    Notification *n;

    TEST_WAIT_UNTIL ((n = find_notification ("Missed Call", number)) != NULL, WAIT_MS);
    g_assert_true (g_strv_contains ((const char * const *) n->actions, "Call Back"));
  }
  agent_call_popup_close (popup);
}

static void
test_missed (Fixture       *f,
             gconstpointer  data)
{
  run (f, missed_body);
}

static void
stack_body (AgentApplication *app,
            gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *first = unique_phone ();
  g_autofree char *second = unique_phone ();
  AgentPopupManager *manager = manager_of (app);
  AgentCallPopup *a, *b;

  wait_logged_in (app);
  test_sandbox_call (f->sandbox, "800", first, "in", 8000, 0, FALSE);
  a = wait_popup (app, first);
  test_sandbox_call (f->sandbox, "800", second, "in", 8000, 0, FALSE);
  b = wait_popup (app, second);

  /* Two calls, two windows: the second did not overwrite the first. */
  g_assert_true (a != b);
  g_assert_cmpstr (agent_call_popup_get_phone (a), ==, first);
  g_assert_cmpstr (agent_call_popup_get_phone (b), ==, second);
  g_assert_cmpuint (g_list_model_get_n_items (agent_popup_manager_get_popups (manager)), ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (a)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (b)));
  agent_call_popup_close (a);
  agent_call_popup_close (b);
}

static void
test_stack (Fixture       *f,
            gconstpointer  data)
{
  run (f, stack_body);
}

static AdwMessageDialog *
find_dialog (AgentApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
unsaved_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autofree char *text = g_strdup_printf ("关窗前没保存的 %s", phone);
  AgentOutbox *outbox;
  AgentCallPopup *popup;
  AdwMessageDialog *dialog;

  wait_logged_in (app);
  outbox = agent_popup_manager_get_outbox (manager_of (app));
  test_sandbox_call (f->sandbox, "800", phone, "in", 500, 20000, FALSE);
  popup = wait_popup (app, phone);
  type_memo (popup, text);

  /* Closing asks first, and the pop-up stays. */
  agent_call_popup_close (popup);
  TEST_WAIT_UNTIL ((dialog = find_dialog (app)) != NULL, WAIT_MS);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popup)));

  /* "Save" keeps the memo and then closes. */
  adw_message_dialog_response (dialog, "save");
  TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popup)), WAIT_MS);
  TEST_WAIT_UNTIL (count_trace (f, "memo-queued", "phone", phone) == 1, WAIT_MS);
  TEST_WAIT_UNTIL (agent_outbox_get_pending (outbox) == 0, WAIT_MS);
  TEST_WAIT_UNTIL (count_memos (f, phone, text) == 1, WAIT_MS);
}

static void
test_unsaved (Fixture       *f,
              gconstpointer  data)
{
  run (f, unsaved_body);
}

static void
unknown_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autoptr(BbhCustomer) customer = NULL;
  AdwMessageDialog *dialog;
  AgentOutbox *outbox;
  AgentCallPopup *popup;

  wait_logged_in (app);
  test_sandbox_call (f->sandbox, "800", phone, "in", 3000, 0, FALSE);
  popup = wait_popup (app, phone);

  TEST_WAIT_UNTIL (g_strcmp0 (agent_call_popup_get_section_state (popup, "customer"),
                              "loading") != 0, WAIT_MS);
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "customer"), ==, "unknown");
  g_assert_null (agent_call_popup_get_customer (popup));
  /* Nothing to edit or lock yet. */
  g_assert_false (gtk_widget_is_visible (test_template_child (popup, AGENT_TYPE_CALL_POPUP,
                                                              "lock_button")));
  TEST_WAIT_UNTIL (g_strcmp0 (agent_call_popup_get_section_state (popup, "calls"),
                              "loading") != 0, WAIT_MS);
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "calls"), !=, "error");

  /* "Create Customer…" asks for a name; the record goes through the outbox to the server. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.create-customer", NULL));
  TEST_WAIT_UNTIL ((dialog = find_dialog (app)) != NULL, WAIT_MS);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name-row"), "李雷");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "corp-row"), "八百呼测试");
  adw_message_dialog_response (dialog, "create");
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "customer"), ==, "found");

  outbox = agent_popup_manager_get_outbox (manager_of (app));
  TEST_WAIT_UNTIL (agent_outbox_get_pending (outbox) == 0 &&
                   test_sandbox_count_method (f->sandbox, "saveCustomer") == 1, WAIT_MS);
  customer = get_customer (f, phone);
  g_assert_nonnull (customer);
  g_assert_cmpstr (bbh_customer_get_name (customer), ==, "李雷");
  g_assert_cmpstr (bbh_customer_get_corp_name (customer), ==, "八百呼测试");

  /* Once the server has it, the pop-up holds the server's record: it can be locked and
   * edited from here, during the same call. */
  TEST_WAIT_UNTIL (agent_call_popup_get_customer (popup) != NULL &&
                   gtk_widget_is_visible (test_template_child (popup, AGENT_TYPE_CALL_POPUP,
                                                               "lock_button")), WAIT_MS);
  g_assert_cmpint (bbh_customer_get_id (agent_call_popup_get_customer (popup)), ==,
                   bbh_customer_get_id (customer));
  g_assert_cmpstr (bbh_customer_get_name (agent_call_popup_get_customer (popup)), ==, "李雷");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.toggle-lock", NULL));
  TEST_WAIT_UNTIL (test_sandbox_count_method (f->sandbox, "setCustomerLock") == 1 &&
                   agent_outbox_get_pending (outbox) == 0, WAIT_MS);
  g_clear_object (&customer);
  customer = get_customer (f, phone);
  g_assert_true (bbh_customer_get_is_locked (customer));
  agent_call_popup_close (popup);
}

static void
test_unknown (Fixture       *f,
              gconstpointer  data)
{
  run (f, unknown_body);
}

static void
on_painted_cb (GdkFrameClock *clock,
               gboolean      *painted)
{
  *painted = TRUE;
}

/* The pop-up the next call takes draws once while hidden (with GL on X11, so that its first
 * frame compiles no shaders): it stays unmapped, takes no focus from the main window, and then
 * shows a call as any other. */
static void
prepared_body (AgentApplication *app,
               gpointer          user_data)
{
  GtkWindow *main_window = GTK_WINDOW (agent_application_get_window (app));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(BbhEvent) ringing = NULL;
  GtkWidget *focus;
  AgentCallPopup *popup;
  gboolean painted = FALSE;
  gulong painted_id;

  wait_logged_in (app);
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (main_window)), WAIT_MS);
  focus = gtk_window_get_focus (main_window);

  popup = agent_call_popup_new (GTK_APPLICATION (app));
  gtk_widget_realize (GTK_WIDGET (popup));
  g_test_message ("renderer: %s",
                  G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (popup))));
  agent_popup_manager_prepare_renderer (GTK_WINDOW (popup), GTK_APPLICATION (app));
  g_assert_nonnull (g_object_get_data (G_OBJECT (popup), "agent-renderer-prepared"));
  test_iterate ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (popup)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popup)));
  g_assert_true (gtk_window_get_focus (main_window) == focus);

  ringing = bbh_event_new (BBH_EVENT_KIND_INCOMING_CALL, "13800000018", "{status:0,cdrId:-1}",
                           g_date_time_to_unix (now) * 1000, g_date_time_to_unix (now) * 1000);
  agent_call_popup_start (popup, ringing, NULL, NULL);
  gtk_window_present (GTK_WINDOW (popup));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popup)), WAIT_MS);
  painted_id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (popup)), "after-paint",
                                 G_CALLBACK (on_painted_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (popup));
  TEST_WAIT_UNTIL (painted, WAIT_MS);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (popup)), painted_id);
  g_assert_cmpstr (gtk_label_get_label (test_template_child (popup, AGENT_TYPE_CALL_POPUP,
                                                             "number_label")), ==,
                   "138 0000 0018");
  agent_call_popup_reset (popup);
  gtk_window_destroy (GTK_WINDOW (popup));
}

static void
test_prepared (Fixture       *f,
               gconstpointer  data)
{
  run (f, prepared_body);
}

/* A pop-up whose window goes before its first frame (the application quitting just as a call
 * comes): the frame clock went with the window, and with it the pop-up's wait for a paint —
 * nothing warns when the pop-up lets go of it. */
static void
test_gone_before_paint (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(BbhEvent) ringing = NULL;
  AgentCallPopup *popup = agent_call_popup_new (NULL);

  ringing = bbh_event_new (BBH_EVENT_KIND_INCOMING_CALL, "13800000019", "{status:0,cdrId:-1}",
                           g_date_time_to_unix (now) * 1000, g_date_time_to_unix (now) * 1000);
  agent_call_popup_start (popup, ringing, NULL, NULL);
  gtk_window_present (GTK_WINDOW (popup));
  agent_call_popup_lookup_after_paint (popup);
  gtk_widget_unrealize (GTK_WIDGET (popup));
  agent_call_popup_reset (popup);
  gtk_window_destroy (GTK_WINDOW (popup));
}

static void
test_expand_url (void)
{
  g_autofree char *url = NULL;

  url = agent_popup_manager_expand_url ("https://crm.example.com/pop?tel={phone}&id={cdrId}"
                                        "&ext={extension}&dir={direction}",
                                        "+86 138", 7687658987667780097, "800", FALSE);
  g_assert_cmpstr (url, ==, "https://crm.example.com/pop?tel=%2B86%20138&id=7687658987667780097"
                            "&ext=800&dir=in");
  g_clear_pointer (&url, g_free);

  url = agent_popup_manager_expand_url ("https://crm.example.com/{phone}/{direction}?c={cdrId}",
                                        "13800138000", -1, NULL, TRUE);
  g_assert_cmpstr (url, ==, "https://crm.example.com/13800138000/out?c=");
  g_clear_pointer (&url, g_free);

  /* Not an address at all: nothing is opened. */
  url = agent_popup_manager_expand_url ("crm lookup {phone}", "13800138000", -1, NULL, FALSE);
  g_assert_null (url);
}

static void
backlog_body (AgentApplication *app,
              gpointer          user_data)
{
  AgentPopupManager *manager = manager_of (app);
  GListModel *missed = agent_popup_manager_get_missed (manager);
  gint64 then = g_get_real_time () / 1000 - 3600 * 1000;
  g_autoptr(BbhEvent) ringing = NULL;
  g_autoptr(BbhEvent) hangup = NULL;
  g_autoptr(BbhEvent) other = NULL;
  g_autoptr(BbhEvent) answered = NULL;

  wait_logged_in (app);

  /* A call that rang an hour ago, while the application was closed: listed, not popped. */
  ringing = bbh_event_new (BBH_EVENT_KIND_INCOMING_CALL, "13800000011", "{status:0,cdrId:-1}",
                           then, then);
  bbh_event_set_backlog (ringing, TRUE);
  hangup = bbh_event_new (BBH_EVENT_KIND_INCOMING_CALL, "13800000011", "{status:2,cdrId:-1}",
                          then + 5000, then + 5000);
  bbh_event_set_backlog (hangup, TRUE);
  agent_popup_manager_handle_event (manager, ringing);
  agent_popup_manager_handle_event (manager, hangup);

  /* One that was answered elsewhere (the agent's phone) was not missed. */
  other = bbh_event_new (BBH_EVENT_KIND_INCOMING_CALL, "13800000012", "{status:0,cdrId:-1}",
                         then + 9000, then + 9000);
  bbh_event_set_backlog (other, TRUE);
  answered = bbh_event_new (BBH_EVENT_KIND_INCOMING_CALL, "13800000012", "{status:1,cdrId:-1}",
                            then + 12000, then + 12000);
  bbh_event_set_backlog (answered, TRUE);
  agent_popup_manager_handle_event (manager, other);
  agent_popup_manager_handle_event (manager, answered);

  g_assert_cmpuint (g_list_model_get_n_items (missed), ==, 1);
  g_assert_true (g_list_model_get_item (missed, 0) == (gpointer) ringing);
  g_object_unref (ringing);
  g_assert_null (agent_popup_manager_find_popup (manager, "13800000011"));
  g_assert_null (agent_popup_manager_find_popup (manager, "13800000012"));
  g_assert_cmpuint (g_list_model_get_n_items (agent_popup_manager_get_popups (manager)), ==, 0);
}

static void
test_backlog (Fixture       *f,
              gconstpointer  data)
{
  run (f, backlog_body);
}

static void
first_run_body (AgentApplication *app,
                gpointer          user_data)
{
  Fixture *f = user_data;
  AgentCallPopup *popup;

  wait_logged_in (app);

  /* A call while the application runs: popped, and its watermark stored. */
  test_sandbox_call (f->sandbox, "800", f->extra_phone, "in", 300, 0, FALSE);
  popup = wait_popup (app, f->extra_phone);
  TEST_WAIT_UNTIL (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_MISSED, WAIT_MS);
}

static void
second_run_body (AgentApplication *app,
                 gpointer          user_data)
{
  Fixture *f = user_data;
  AgentPopupManager *manager = manager_of (app);
  GListModel *missed = agent_popup_manager_get_missed (manager);
  g_autoptr(BbhEvent) event = NULL;

  wait_logged_in (app);

  /* The call that came while the application was closed is in the missed list… */
  TEST_WAIT_UNTIL (g_list_model_get_n_items (missed) >= 1, WAIT_MS);
  event = g_list_model_get_item (missed, 0);
  g_assert_cmpstr (bbh_event_get_phone (event), ==, f->phone);
  g_assert_true (bbh_event_get_backlog (event));
  g_assert_cmpuint (g_list_model_get_n_items (missed), ==, 1);

  /* …and was not popped; nor was the call of the first run popped again. */
  g_assert_null (agent_popup_manager_find_popup (manager, f->phone));
  g_assert_null (agent_popup_manager_find_popup (manager, f->extra_phone));
  g_assert_cmpuint (count_trace (f, "popup-shown", "phone", f->phone), ==, 0);
  g_assert_cmpuint (count_trace (f, "popup-shown", "phone", f->extra_phone), ==, 1);
}

/* The watermark is kept in the outbox's database: a restart neither pops old calls again
 * nor loses the ones that came while the application was closed. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *phone = unique_phone ();
  g_autofree char *earlier = unique_phone ();

  f->extra_phone = earlier;
  run (f, first_run_body);

  /* A call comes (and is given up on) while nobody listens. */
  test_sandbox_call (f->sandbox, "800", phone, "in", 300, 0, FALSE);

  f->phone = phone;
  run (f, second_run_body);
}

static void
show_on_answer_body (AgentApplication *app,
                     gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  GSettings *settings = agent_application_get_settings (app);
  AgentPopupManager *manager = manager_of (app);
  AgentCallPopup *popup;

  wait_logged_in (app);
  g_settings_set_string (settings, "popup-show-on", "answer");

  test_sandbox_call (f->sandbox, "800", phone, "in", 1500, 3000, FALSE);

  /* It rings: the application knows, but shows no pop-up yet… */
  TEST_WAIT_UNTIL (count_trace (f, "event-received", "phone", phone) >= 1, WAIT_MS);
  g_assert_null (agent_popup_manager_find_popup (manager, phone));

  /* …until the call is answered; then it is there, talking. */
  popup = wait_popup (app, phone);
  g_assert_cmpint (agent_call_popup_get_state (popup), ==, AGENT_CALL_STATE_TALKING);
  g_assert_cmpuint (count_trace (f, "popup-shown", "phone", phone), <=, 1);

  g_settings_reset (settings, "popup-show-on");
  TEST_WAIT_UNTIL (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_ENDED, WAIT_MS);
  agent_call_popup_close (popup);
}

static void
test_show_on_answer (Fixture       *f,
                     gconstpointer  data)
{
  run (f, show_on_answer_body);
}

static void
close_after_call_body (AgentApplication *app,
                       gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autofree char *other = unique_phone ();
  GSettings *settings = agent_application_get_settings (app);
  AgentCallPopup *popup;

  wait_logged_in (app);
  g_settings_set_boolean (settings, "popup-close-after-call", TRUE);

  /* Nothing typed: it goes away by itself when the call ends. */
  test_sandbox_call (f->sandbox, "800", phone, "in", 500, 1500, FALSE);
  popup = wait_popup (app, phone);
  TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popup)), WAIT_MS);

  /* A memo being typed keeps it open after the call, until it is saved. */
  test_sandbox_call (f->sandbox, "800", other, "in", 500, 1500, FALSE);
  popup = wait_popup (app, other);
  type_memo (popup, "还在写");
  TEST_WAIT_UNTIL (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_ENDED, WAIT_MS);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popup)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.save-memo", NULL));
  TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popup)), WAIT_MS);

  g_settings_reset (settings, "popup-close-after-call");
}

static void
test_close_after_call (Fixture       *f,
                       gconstpointer  data)
{
  run (f, close_after_call_body);
}

/* The subtitle of the pop-up's row titled @title, or NULL. */
static const char *
row_subtitle (GtkWidget  *widget,
              const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = row_subtitle (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
customer_codes_body (AgentApplication *app,
                     gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autofree char *number = agent_phone_format (phone);
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  AgentCallPopup *popup;

  wait_logged_in (app);
  /* The demo company's codes: status 3 成交客户, type 2 企业客户 (phone types are their text). */
  bbh_customer_edit_set_name (edit, "李雷");
  bbh_customer_edit_set_status (edit, "3");
  bbh_customer_edit_set_customer_type (edit, "2");
  bbh_customer_edit_add_phone (edit, phone, "办公电话", "李雷");
  save_customer (f, edit);
  /* One sale, signed, and one still open. */
  {
    g_autoptr(BbhCustomer) customer = get_customer (f, phone);

    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GError) error = NULL;
        Wait wait = { 0 };

        bbh_client_set_customer_sales_async (f->client, 0, "800", bbh_customer_get_id (customer),
                                             NULL, i == 0, phone, NULL, on_done_cb, &wait);
        wait_done (&wait);
        g_assert_true (bbh_client_set_customer_sales_finish (f->client, wait.result, &error));
        g_assert_no_error (error);
        g_object_unref (wait.result);
      }
  }

  test_sandbox_call (f->sandbox, "800", phone, "in", 4000, 0, FALSE);
  popup = wait_popup (app, phone);
  TEST_WAIT_UNTIL (g_strcmp0 (agent_call_popup_get_section_state (popup, "customer"),
                              "found") == 0, WAIT_MS);

  /* The codes are named as the customer page names them, not shown as "3 · 2". */
  TEST_WAIT_UNTIL (g_strcmp0 (row_subtitle (GTK_WIDGET (popup), "Status"),
                              "成交客户 · 企业客户") == 0, WAIT_MS);
  g_assert_cmpstr (row_subtitle (GTK_WIDGET (popup), number), ==, "办公电话 · 李雷");
  g_assert_cmpstr (row_subtitle (GTK_WIDGET (popup), "Sales"), ==, "1 signed of 2 sales");
  agent_call_popup_close (popup);
}

static void
test_customer_codes (Fixture       *f,
                     gconstpointer  data)
{
  run (f, customer_codes_body);
}

/* The label of the pop-up's template button @name, without its mnemonic. */
static char *
button_text (AgentCallPopup *popup,
             const char     *name)
{
  GtkButton *button = test_template_child (popup, AGENT_TYPE_CALL_POPUP, name);
  g_autoptr(GString) text = g_string_new (gtk_button_get_label (button));

  g_string_replace (text, "_", "", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
customer_is_locked (Fixture    *f,
                    const char *phone)
{
  g_autoptr(BbhCustomer) customer = get_customer (f, phone);

  g_assert_nonnull (customer);
  return bbh_customer_get_is_locked (customer);
}

static void
edit_lock_body (AgentApplication *app,
                gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autofree char *label = NULL;
  g_autoptr(BbhCustomer) saved = NULL;
  AgentOutbox *outbox;
  AgentCallPopup *popup;
  AgentCustomerEditor *editor = NULL;
  GtkWidget *lock_button;

  wait_logged_in (app);
  outbox = agent_popup_manager_get_outbox (manager_of (app));
  create_customer (f, phone, "王芳", "重庆锁定测试有限公司");
  g_assert_false (customer_is_locked (f, phone));

  test_sandbox_call (f->sandbox, "800", phone, "in", 500, 20000, FALSE);
  popup = wait_popup (app, phone);
  TEST_WAIT_UNTIL (g_strcmp0 (agent_call_popup_get_section_state (popup, "customer"),
                              "found") == 0, WAIT_MS);

  /* Lock: the agent sees "Lock", clicks it; the outbox sends setCustomerLock, once. */
  lock_button = test_template_child (popup, AGENT_TYPE_CALL_POPUP, "lock_button");
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (lock_button), WAIT_MS);
  label = button_text (popup, "lock_button");
  g_assert_cmpstr (label, ==, "Lock");
  g_clear_pointer (&label, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.toggle-lock", NULL));
  TEST_WAIT_UNTIL (test_sandbox_count_method (f->sandbox, "setCustomerLock") == 1 &&
                   agent_outbox_get_pending (outbox) == 0, WAIT_MS);
  g_assert_true (customer_is_locked (f, phone));
  TEST_WAIT_UNTIL (gtk_widget_get_sensitive (lock_button), WAIT_MS);
  label = button_text (popup, "lock_button");
  g_assert_cmpstr (label, ==, "Unlock");
  g_clear_pointer (&label, g_free);

  /* Unlock goes the same way. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.toggle-lock", NULL));
  TEST_WAIT_UNTIL (test_sandbox_count_method (f->sandbox, "setCustomerLock") == 2 &&
                   agent_outbox_get_pending (outbox) == 0, WAIT_MS);
  g_assert_false (customer_is_locked (f, phone));

  /* Edit: the customer editor opens on this record; its save goes through the outbox. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.edit-customer", NULL));
  TEST_WAIT_UNTIL ((editor = (AgentCustomerEditor *) test_find_window (app, AGENT_TYPE_CUSTOMER_EDITOR)) != NULL,
                   WAIT_MS);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (popup));
  gtk_editable_set_text (test_template_child (editor, AGENT_TYPE_CUSTOMER_EDITOR, "name_row"),
                         "王芳芳");
  g_assert_true (agent_customer_editor_save (editor));
  TEST_WAIT_UNTIL (test_sandbox_count_method (f->sandbox, "saveCustomer") == 2 &&
                   agent_outbox_get_pending (outbox) == 0, WAIT_MS);
  saved = get_customer (f, phone);
  g_assert_cmpstr (bbh_customer_get_name (saved), ==, "王芳芳");
  g_assert_cmpstr (bbh_customer_get_corp_name (saved), ==, "重庆锁定测试有限公司");
  /* The pop-up shows the new name at once. */
  {
    GtkListBox *list = test_template_child (popup, AGENT_TYPE_CALL_POPUP, "customer_list");
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "王芳芳");
  }
  agent_call_popup_close (popup);
}

static void
test_edit_lock (Fixture       *f,
                gconstpointer  data)
{
  run (f, edit_lock_body);
}

/* A ringing event of our own, as the event stream would hand it over now. */
static BbhEvent *
ringing_event (const char *phone)
{
  gint64 now = g_get_real_time () / 1000;

  return bbh_event_new (BBH_EVENT_KIND_INCOMING_CALL, phone, "{status:0,cdrId:-1}", now, now);
}

static gboolean
all_sections_are (AgentCallPopup *popup,
                  const char     *state)
{
  return g_strcmp0 (agent_call_popup_get_section_state (popup, "customer"), state) == 0 &&
         g_strcmp0 (agent_call_popup_get_section_state (popup, "memos"), state) == 0 &&
         g_strcmp0 (agent_call_popup_get_section_state (popup, "calls"), state) == 0;
}

static gboolean
no_section_is (AgentCallPopup *popup,
               const char     *state)
{
  return g_strcmp0 (agent_call_popup_get_section_state (popup, "customer"), state) != 0 &&
         g_strcmp0 (agent_call_popup_get_section_state (popup, "memos"), state) != 0 &&
         g_strcmp0 (agent_call_popup_get_section_state (popup, "calls"), state) != 0;
}

static void
lookups_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *slow_phone = unique_phone ();
  g_autofree char *failing_phone = unique_phone ();
  g_autofree char *number = agent_phone_format (slow_phone);
  AgentPopupManager *manager = manager_of (app);
  g_autoptr(BbhEvent) slow = NULL;
  g_autoptr(BbhEvent) failing = NULL;
  AgentCallPopup *popup;
  gint64 start;

  wait_logged_in (app);

  /* Every answer of the server takes 5 s now. */
  test_sandbox_fault (f->sandbox, "slow", 3000);
  slow = ringing_event (slow_phone);
  start = g_get_monotonic_time ();
  agent_popup_manager_handle_event (manager, slow);

  /* The pop-up is there at once, with the number, before any answer. */
  popup = agent_popup_manager_find_popup (manager, slow_phone);
  g_assert_nonnull (popup);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popup)));
  g_assert_cmpstr (label_text (popup, "number_label"), ==, number);
  TEST_WAIT_UNTIL (count_trace (f, "popup-shown", "phone", slow_phone) == 1, WAIT_MS);
  g_test_message ("painted %.0f ms after the event, the lookups still on their way",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  /* Each section says it is looking; none has its answer yet. */
  g_assert_true (all_sections_are (popup, "loading"));

  /* The answers come in by themselves, section by section. */
  TEST_WAIT_UNTIL (no_section_is (popup, "loading"), WAIT_MS);
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "customer"), ==, "unknown");
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "memos"), ==, "empty");
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "calls"), ==, "empty");
  agent_call_popup_close (popup);

  /* The server fails every request: each section says so in words, with a way to retry. */
  test_sandbox_fault (f->sandbox, "http500", 0);
  failing = ringing_event (failing_phone);
  agent_popup_manager_handle_event (manager, failing);
  popup = agent_popup_manager_find_popup (manager, failing_phone);
  g_assert_nonnull (popup);
  TEST_WAIT_UNTIL (all_sections_are (popup, "error"), WAIT_MS);
  g_assert_true (g_str_has_prefix (label_text (popup, "customer_error_label"),
                                   "The customer could not be looked up. The server answered"));
  g_assert_true (g_str_has_prefix (label_text (popup, "memos_error_label"),
                                   "The memos could not be loaded."));
  g_assert_true (g_str_has_prefix (label_text (popup, "calls_error_label"),
                                   "Earlier calls could not be loaded."));
  /* The memo field works all the same. */
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_window_get_focus (GTK_WINDOW (popup))));

  test_sandbox_fault (f->sandbox, "none", 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popup), "popup.retry", NULL));
  TEST_WAIT_UNTIL (no_section_is (popup, "error") && no_section_is (popup, "loading"), WAIT_MS);
  g_assert_cmpstr (agent_call_popup_get_section_state (popup, "customer"), ==, "unknown");
  agent_call_popup_close (popup);
}

static void
test_lookups (Fixture       *f,
              gconstpointer  data)
{
  run (f, lookups_body);
}

static Notification *
wait_notification (const char *summary,
                   const char *body_part)
{
  Notification *n = NULL;

  TEST_WAIT_UNTIL ((n = find_notification (summary, body_part)) != NULL, WAIT_MS);
  return n;
}

static void
unfocused_body (AgentApplication *app,
                gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autofree char *number = agent_phone_format (phone);
  GtkWindow *window = GTK_WINDOW (agent_application_get_window (app));
  GtkWindow *other;
  AgentCallPopup *popup;
  Notification *n;

  wait_logged_in (app);
  /* The agent is in another application (a window that is not ours has the focus). */
  other = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (other);
  TEST_WAIT_UNTIL (gtk_window_is_active (other) && !gtk_window_is_active (window), WAIT_MS);

  test_sandbox_call (f->sandbox, "800", phone, "in", 6000, 0, FALSE);
  popup = wait_popup (app, phone);
  n = wait_notification ("Incoming Call", number);
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "Show"));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "Call Back"));

  /* "Show" brings the pop-up of that call. */
  gtk_widget_set_visible (GTK_WIDGET (popup), FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-call", g_variant_new_string (phone));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popup)), WAIT_MS);
  g_assert_true (agent_popup_manager_find_popup (manager_of (app), phone) == popup);
  agent_call_popup_close (popup);
  gtk_window_destroy (other);
}

static void
test_unfocused (Fixture       *f,
                gconstpointer  data)
{
  run (f, unfocused_body);
}

static void
outgoing_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autofree char *number = agent_phone_format (phone);
  GtkWindow *window = GTK_WINDOW (agent_application_get_window (app));
  AgentCallPopup *popup;

  wait_logged_in (app);
  gtk_window_present (window);
  TEST_WAIT_UNTIL (gtk_window_is_active (window), WAIT_MS);

  /* The agent's own call: a pop-up follows it, and the agent keeps working where they were. */
  test_sandbox_call (f->sandbox, "800", phone, "out", 1000, 2500, FALSE);
  popup = wait_popup (app, phone);
  g_assert_true (agent_call_popup_get_outgoing (popup));
  g_assert_cmpstr (label_text (popup, "number_label"), ==, number);
  TEST_WAIT_UNTIL (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_TALKING, WAIT_MS);
  g_assert_true (gtk_window_is_active (window));
  g_assert_false (gtk_window_is_active (GTK_WINDOW (popup)));
  TEST_WAIT_UNTIL (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_ENDED, WAIT_MS);
  g_assert_true (gtk_window_is_active (window));
  g_assert_cmpuint (agent_call_popup_get_talk_seconds (popup), >=, 1);
  /* Not a call anybody missed, and nothing for the desktop. */
  g_assert_null (find_notification ("Incoming Call", number));
  g_assert_null (find_notification ("Missed Call", number));
  agent_call_popup_close (popup);
}

static void
test_outgoing (Fixture       *f,
               gconstpointer  data)
{
  run (f, outgoing_body);
}

#ifdef GDK_WINDOWING_X11
typedef struct
{
  Display *xdisplay;   /* a connection of the test's own, watching the root window */
  Atom     state;
  Atom     above;
} Watcher;

/* Whether the pop-up's window has _NET_WM_STATE_ABOVE in its _NET_WM_STATE. */
static gboolean
x11_has_above (Watcher        *watcher,
               AgentCallPopup *popup)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popup));
  Window xid = gdk_x11_surface_get_xid (surface);
  Atom type = None;
  int format = 0;
  unsigned long n = 0, after = 0;
  unsigned char *data = NULL;
  gboolean found = FALSE;

  if (XGetWindowProperty (watcher->xdisplay, xid, watcher->state, 0, 1024, False, XA_ATOM,
                          &type, &format, &n, &after, &data) == Success && data != NULL)
    {
      for (unsigned long i = 0; type == XA_ATOM && i < n; i++)
        found |= ((Atom *) data)[i] == watcher->above;
      XFree (data);
    }
  return found;
}

/* The last _NET_WM_STATE request about ABOVE for @xid that reached the root window: 1 add,
 * 0 remove, -1 none. */
static int
x11_last_request (Watcher *watcher,
                  Window   xid)
{
  int last = -1;

  while (XPending (watcher->xdisplay) > 0)
    {
      XEvent event;

      XNextEvent (watcher->xdisplay, &event);
      if (event.type == ClientMessage && event.xclient.window == xid &&
          event.xclient.message_type == watcher->state &&
          (Atom) event.xclient.data.l[1] == watcher->above)
        last = event.xclient.data.l[0];
    }
  return last;
}

static void
keep_above_body (AgentApplication *app,
                 gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  GSettings *settings = agent_application_get_settings (app);
  GdkDisplay *display = gdk_display_get_default ();
  AgentCallPopup *popup;
  Watcher watcher;
  Window xid;
  int request = -1;

  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("not on X11");
      return;
    }
  watcher.xdisplay = XOpenDisplay (gdk_display_get_name (display));
  g_assert_nonnull (watcher.xdisplay);
  watcher.state = XInternAtom (watcher.xdisplay, "_NET_WM_STATE", False);
  watcher.above = XInternAtom (watcher.xdisplay, "_NET_WM_STATE_ABOVE", False);
  XSelectInput (watcher.xdisplay, DefaultRootWindow (watcher.xdisplay), SubstructureNotifyMask);
  XSync (watcher.xdisplay, False);

  wait_logged_in (app);
  g_settings_set_boolean (settings, "popup-keep-above", TRUE);
  /* Answered at once, over after 8 s: time enough to turn the setting off and on. */
  test_sandbox_call (f->sandbox, "800", phone, "in", 300, 8000, FALSE);
  popup = wait_popup (app, phone);
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (popup)));

  /* Mapped: the window manager is asked, and the property says so for one taking it on. */
  TEST_WAIT_UNTIL (x11_has_above (&watcher, popup), WAIT_MS);
  TEST_WAIT_UNTIL ((request = x11_last_request (&watcher, xid)) != -1, WAIT_MS);
  g_assert_cmpint (request, ==, 1);

  /* Turned off during the call: the pop-up comes down among the others at once. */
  g_settings_set_boolean (settings, "popup-keep-above", FALSE);
  TEST_WAIT_UNTIL (!x11_has_above (&watcher, popup), WAIT_MS);
  TEST_WAIT_UNTIL ((request = x11_last_request (&watcher, xid)) != -1, WAIT_MS);
  g_assert_cmpint (request, ==, 0);

  /* On again, until the call is over: an ended call's pop-up is an ordinary window. */
  g_settings_set_boolean (settings, "popup-keep-above", TRUE);
  TEST_WAIT_UNTIL (x11_has_above (&watcher, popup), WAIT_MS);
  TEST_WAIT_UNTIL (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_ENDED, WAIT_MS);
  TEST_WAIT_UNTIL (!x11_has_above (&watcher, popup), WAIT_MS);
  g_assert_cmpint (x11_last_request (&watcher, xid), ==, 0);

  agent_call_popup_close (popup);
  TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popup)), WAIT_MS);
  g_settings_reset (settings, "popup-keep-above");
  XCloseDisplay (watcher.xdisplay);
}

static void
test_keep_above (Fixture       *f,
                 gconstpointer  data)
{
  run (f, keep_above_body);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("test-popup-state-XXXXXX", NULL);

  /* The outbox lives in $XDG_STATE_HOME: never the developer's own. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  start_notification_server ();

  g_test_add_func ("/agent/popup/expand-url", test_expand_url);
  g_test_add_func ("/agent/popup/gone-before-paint", test_gone_before_paint);
#define ADD(path, func) \
  g_test_add ("/agent/popup/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("incoming", test_incoming);
  ADD ("follows-call", test_follows);
  ADD ("memo-once", test_memo);
  ADD ("memo-outage", test_memo_outage);
  ADD ("missed", test_missed);
  ADD ("stack", test_stack);
  ADD ("unsaved-memo", test_unsaved);
  ADD ("unknown-number", test_unknown);
  ADD ("prepared-while-hidden", test_prepared);
  ADD ("backlog-listed", test_backlog);
  ADD ("show-on-answer", test_show_on_answer);
  ADD ("close-after-call", test_close_after_call);
  ADD ("restart-lists-missed", test_restart);
  ADD ("customer-codes", test_customer_codes);
  ADD ("edit-lock", test_edit_lock);
  ADD ("lookups-after-show", test_lookups);
  ADD ("notify-unfocused", test_unfocused);
  ADD ("outgoing", test_outgoing);
#ifdef GDK_WINDOWING_X11
  ADD ("keep-above", test_keep_above);
#endif
#undef ADD

  return g_test_run ();
}
