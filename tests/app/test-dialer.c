/* test-dialer.c — numbers, the dialer and tel: links, in the real application against a real
 * babaihu-sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "agent-application.h"
#include "agent-phone.h"
#include "agent-popup-manager.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

#define DEMO_ACCOUNT   "100008800"
#define DEMO_PASSWORD  "02367073578"
#define WAIT_MS        20000

typedef struct
{
  TestSandbox *sandbox;
  char        *password_file;
  goffset      trace_offset;
  const char  *extra_arg;
} Fixture;

/* ---- numbers ---- */

static void
test_normalize (void)
{
  static const struct { const char *input; const char *expected; } ok[] = {
    { "13800138000", "13800138000" },
    { " 138-0013-8000 ", "13800138000" },
    { "(023) 6707 3578", "02367073578" },
    { "+86 138 0013 8000", "13800138000" },
    { "0086-13800138000", "13800138000" },
    { "１３８００１３８０００", "13800138000" },   /* full-width, from a Chinese IME */
    { "+1 (415) 555-0100", "+14155550100" },
    { "+86 23 6707 3578", "02367073578" },
    { "+86 400 800 1234", "4008001234" },
    { "10086", "10086" },
    { "800", "800" },
    { "800*12#", "800*12#" },
  };
  static const struct { const char *input; AgentPhoneError code; } bad[] = {
    { "", AGENT_PHONE_ERROR_EMPTY },
    { "   ", AGENT_PHONE_ERROR_EMPTY },
    { "call me", AGENT_PHONE_ERROR_INVALID_CHARACTER },
    { "138001380OO", AGENT_PHONE_ERROR_INVALID_CHARACTER },
    { "12", AGENT_PHONE_ERROR_TOO_SHORT },
    { "123456789012345678901", AGENT_PHONE_ERROR_TOO_LONG },
    { "138+0013", AGENT_PHONE_ERROR_INVALID_CHARACTER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = agent_phone_normalize (ok[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (phone, ==, ok[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = agent_phone_normalize (bad[i].input, &error);

      g_assert_null (phone);
      g_assert_error (error, AGENT_PHONE_ERROR, (int) bad[i].code);
      /* A sentence for the agent, not a code. */
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_assert_false (agent_phone_is_valid (bad[i].input));
    }
}

static void
test_format (void)
{
  static const struct { const char *phone; const char *expected; } cases[] = {
    { "13800138000", "138 0013 8000" },
    { "02367073578", "023 6707 3578" },
    { "01088888888", "010 8888 8888" },
    { "075588888888", "0755 8888 8888" },
    { "08718888888", "0871 888 8888" },
    { "4008001234", "400 800 1234" },
    { "10086", "10086" },
    { "+14155550100", "+14155550100" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = agent_phone_format (cases[i].phone);

      g_assert_cmpstr (formatted, ==, cases[i].expected);
    }

  g_assert_true (agent_phone_is_mobile ("13800138000"));
  g_assert_false (agent_phone_is_mobile ("02367073578"));
  g_assert_false (agent_phone_is_mobile ("12800138000"));
}

static void
test_parse_uri (void)
{
  static const struct { const char *uri; const char *expected; } cases[] = {
    { "tel:13800138000", "13800138000" },
    { "tel:+86-138-0013-8000", "13800138000" },
    { "TEL:+86-138-0013-8000;phone-context=example.com", "13800138000" },
    { "tel:%2B8613800138000", "13800138000" },
    { "callto://02367073578", "02367073578" },
    { "sip:800@pbx.example.com", "800" },
    { "tel:", NULL },
    { "tel:not-a-number", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *phone = agent_phone_parse_uri (cases[i].uri);

      g_assert_cmpstr (phone, ==, cases[i].expected);
    }
}

/* ---- the dialer in the application ---- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sandbox = test_sandbox_new ();
  f->password_file = test_write_password_file (DEMO_PASSWORD);
  f->trace_offset = test_trace_offset ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
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
                         "--password-file", f->password_file,
                         f->extra_arg, NULL };

  test_app_run (argv, body, f);
}

static AgentDialer *
dialer_of (AgentApplication *app)
{
  AgentPopupManager *manager = agent_popup_manager_get_for_application (GTK_APPLICATION (app));

  g_assert_nonnull (manager);
  return agent_popup_manager_get_dialer (manager);
}

static void
wait_logged_in (AgentApplication *app)
{
  AgentSession *session = agent_application_get_session (app);

  TEST_WAIT_UNTIL (agent_session_get_logged_in (session), WAIT_MS);
  TEST_WAIT_UNTIL (agent_session_get_event_stream (session) != NULL &&
                   bbh_event_stream_get_running (agent_session_get_event_stream (session)),
                   WAIT_MS);
}

static JsonObject *
find_trace (Fixture    *f,
            const char *event,
            const char *field,
            const char *value)
{
  g_autoptr(GPtrArray) lines = test_trace_read (f->trace_offset);
  JsonObject *found = test_trace_find (lines, event, field, value);

  return found != NULL ? json_object_ref (found) : NULL;
}

static void
invalid_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  AgentDialer *dialer = dialer_of (app);

  wait_logged_in (app);

  /* Refused with words, and nothing goes to the server. */
  g_assert_false (agent_dialer_dial (dialer, "13800l38000"));
  g_assert_nonnull (agent_dialer_get_error (dialer));
  g_assert_nonnull (strstr (agent_dialer_get_error (dialer), "“l”"));
  g_assert_cmpint (agent_dialer_get_progress (dialer), ==, AGENT_DIAL_PROGRESS_NONE);
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "callbackPhone"), ==, 0);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  run (f, invalid_body);
}

static gboolean progress_seen[AGENT_DIAL_PROGRESS_FAILED + 1];

static void
on_progress_cb (AgentDialer *dialer)
{
  progress_seen[agent_dialer_get_progress (dialer)] = TRUE;
}

static void
callback_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  AgentDialer *dialer = dialer_of (app);
  g_autoptr(JsonObject) dial = NULL;
  GSettings *settings = agent_application_get_settings (app);
  g_auto(GStrv) recent = NULL;

  wait_logged_in (app);
  memset (progress_seen, 0, sizeof progress_seen);
  agent_dialer_set_poll_interval (dialer, 200);
  g_signal_connect (dialer, "notify::progress", G_CALLBACK (on_progress_cb), NULL);

  /* The `dial` action, as `gapplication action org.babaihu.Agent dial "'…'"` would. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "dial",
                                  g_variant_new_string ("138-0013-8001"));

  TEST_WAIT_UNTIL ((dial = find_trace (f, "dial", "phone", "13800138001")) != NULL, WAIT_MS);
  g_assert_cmpstr (json_object_get_string_member (dial, "mode"), ==, "callback");

  /* You are called, then the customer, then you talk — and the call ends. */
  TEST_WAIT_UNTIL (agent_dialer_get_progress (dialer) == AGENT_DIAL_PROGRESS_ENDED ||
                   agent_dialer_get_progress (dialer) == AGENT_DIAL_PROGRESS_NO_ANSWER ||
                   agent_dialer_get_progress (dialer) == AGENT_DIAL_PROGRESS_FAILED, 60000);
  /* The sandbox has one leg: the customer may ring before the callback's id is back. */
  g_assert_true (progress_seen[AGENT_DIAL_PROGRESS_CALLING_AGENT] ||
                 progress_seen[AGENT_DIAL_PROGRESS_CALLING_CUSTOMER]);
  g_assert_true (progress_seen[AGENT_DIAL_PROGRESS_CONNECTED]);
  g_assert_cmpint (agent_dialer_get_progress (dialer), ==, AGENT_DIAL_PROGRESS_ENDED);
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "callbackPhone"), ==, 1);
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "getCallbackList"), >=, 1);

  /* And the number is offered again. */
  recent = g_settings_get_strv (settings, "recent-numbers");
  g_assert_cmpstr (recent[0], ==, "13800138001");

  /* The sandbox's numbers ending in 000 never answer: the agent is told so. */
  g_assert_true (agent_dialer_dial (dialer, "13800138000"));
  TEST_WAIT_UNTIL (agent_dialer_get_progress (dialer) == AGENT_DIAL_PROGRESS_NO_ANSWER ||
                   agent_dialer_get_progress (dialer) == AGENT_DIAL_PROGRESS_ENDED ||
                   agent_dialer_get_progress (dialer) == AGENT_DIAL_PROGRESS_FAILED, 60000);
  g_assert_cmpint (agent_dialer_get_progress (dialer), ==, AGENT_DIAL_PROGRESS_NO_ANSWER);
  g_assert_nonnull (strstr (agent_dialer_get_progress_text (dialer), "answer"));
  g_signal_handlers_disconnect_by_func (dialer, on_progress_cb, NULL);
}

static void
test_callback (Fixture       *f,
               gconstpointer  data)
{
  run (f, callback_body);
}

static void
tel_body (AgentApplication *app,
          gpointer          user_data)
{
  Fixture *f = user_data;
  g_autoptr(JsonObject) dial = NULL;

  wait_logged_in (app);

  /* The link given on the command line dials once logged in, in the configured mode. */
  TEST_WAIT_UNTIL ((dial = find_trace (f, "dial", "phone", "02367073578")) != NULL, WAIT_MS);
  g_assert_cmpstr (json_object_get_string_member (dial, "mode"), ==, "callback");
  TEST_WAIT_UNTIL (test_sandbox_count_method (f->sandbox, "callbackPhone") == 1, WAIT_MS);
}

static void
test_tel_uri (Fixture       *f,
              gconstpointer  data)
{
  f->extra_arg = "tel:+86-23-6707-3578";
  run (f, tel_body);
}

static void
smarttel_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  AgentDialer *dialer = dialer_of (app);
  GSettings *settings = agent_application_get_settings (app);
  g_autoptr(JsonObject) dial = NULL;

  wait_logged_in (app);
  g_settings_set_string (settings, "dial-mode", "smarttel");

  /* Without the box's address nothing is sent, and the agent is told what to set. */
  g_settings_set_string (settings, "smarttel-mac", "");
  g_assert_false (agent_dialer_dial (dialer, "13800138000"));
  g_assert_nonnull (strstr (agent_dialer_get_error (dialer), "SmartTel"));
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "sendTelCall"), ==, 0);

  g_settings_set_string (settings, "smarttel-mac", "00:1A:2B:3C:4D:5E");
  g_settings_set_uint (settings, "smarttel-channel", 2);
  g_assert_true (agent_dialer_dial (dialer, "13800138000"));
  TEST_WAIT_UNTIL (agent_dialer_get_progress (dialer) != AGENT_DIAL_PROGRESS_REQUESTING, WAIT_MS);
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "sendTelCall"), ==, 1);
  TEST_WAIT_UNTIL ((dial = find_trace (f, "dial", "mode", "smarttel")) != NULL, WAIT_MS);

  g_settings_reset (settings, "dial-mode");
  g_settings_reset (settings, "smarttel-mac");
  g_settings_reset (settings, "smarttel-channel");
}

static void
test_smarttel (Fixture       *f,
               gconstpointer  data)
{
  run (f, smarttel_body);
}

/* The requests for @method the sandbox served, as "VALUE" of @param, comma-separated. */
static char *
sent (Fixture    *f,
      const char *method,
      const char *param)
{
  g_autoptr(JsonNode) root = test_sandbox_dup_requests (f->sandbox);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (root), "requests");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonObject *params = json_object_get_object_member (request, "params");

      if (g_strcmp0 (json_object_get_string_member (request, "method"), method) != 0 ||
          params == NULL)
        continue;
      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "",
                              json_object_get_string_member_with_default (params, param, "?"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
sent_is (Fixture    *f,
         const char *method,
         const char *param,
         const char *expected)
{
  g_autofree char *values = sent (f, method, param);

  return g_str_equal (values, expected);
}

static void
message_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  AgentDialer *dialer = dialer_of (app);
  GSettings *settings = agent_application_get_settings (app);
  g_autoptr(JsonObject) dial = NULL;

  wait_logged_in (app);
  g_settings_set_string (settings, "dial-mode", "message");

  /* The agent's phone app is told to dial: a sendMsg of kind 1 with the number. */
  g_assert_true (agent_dialer_dial (dialer, "138 0013 8005"));
  TEST_WAIT_UNTIL (sent_is (f, "sendMsg", "phone", "13800138005"), WAIT_MS);
  g_assert_true (sent_is (f, "sendMsg", "kind", "1"));
  TEST_WAIT_UNTIL ((dial = find_trace (f, "dial", "mode", "message")) != NULL, WAIT_MS);
  g_assert_cmpstr (json_object_get_string_member (dial, "phone"), ==, "13800138005");
  TEST_WAIT_UNTIL (agent_dialer_get_progress (dialer) != AGENT_DIAL_PROGRESS_REQUESTING, WAIT_MS);
  g_assert_cmpint (agent_dialer_get_progress (dialer), !=, AGENT_DIAL_PROGRESS_FAILED);
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "callbackPhone"), ==, 0);

  g_settings_reset (settings, "dial-mode");
}

static void
test_message (Fixture       *f,
              gconstpointer  data)
{
  run (f, message_body);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

static void
press (GtkEventController *keys,
       guint               keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
}

static void
keypad_body (AgentApplication *app,
             gpointer          user_data)
{
  Fixture *f = user_data;
  AgentDialer *dialer = dialer_of (app);
  GSettings *settings = agent_application_get_settings (app);
  GtkWidget *popover = test_template_child (dialer, AGENT_TYPE_DIALER, "keypad_popover");
  GtkEditable *entry = test_template_child (dialer, AGENT_TYPE_DIALER, "number_entry");
  GtkShortcutController *shortcuts;
  GtkEventController *keys;
  gboolean bound = FALSE;
  const guint digits[] = { GDK_KEY_1, GDK_KEY_3, GDK_KEY_8, GDK_KEY_0, GDK_KEY_0, GDK_KEY_1,
                           GDK_KEY_3, GDK_KEY_8, GDK_KEY_0, GDK_KEY_0, GDK_KEY_KP_6 };

  wait_logged_in (app);
  g_settings_set_string (settings, "dial-mode", "message");

  /* Ctrl+K is the keypad, from anywhere in the window. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (find_controller (GTK_WIDGET (dialer),
                                                        GTK_TYPE_SHORTCUT_CONTROLLER));
  g_assert_nonnull (shortcuts);
  g_assert_cmpint (gtk_shortcut_controller_get_scope (shortcuts), ==, GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (shortcuts)); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (shortcuts), i);
      g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
      GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

      if (g_str_equal (trigger, "<Control>k") && GTK_IS_NAMED_ACTION (action) &&
          g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                       "dialer.keypad"))
        bound = TRUE;
    }
  g_assert_true (bound);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialer), "dialer.keypad", NULL));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (popover), WAIT_MS);

  /* Typed on the keyboard with the keypad open: digits go to the number, a letter does not,
   * Backspace takes one back, Enter dials. */
  keys = find_controller (popover, GTK_TYPE_EVENT_CONTROLLER_KEY);
  g_assert_nonnull (keys);
  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    press (keys, digits[i]);
  press (keys, GDK_KEY_l);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "13800138006");
  press (keys, GDK_KEY_BackSpace);
  press (keys, GDK_KEY_7);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "13800138007");
  press (keys, GDK_KEY_Return);
  TEST_WAIT_UNTIL (!gtk_widget_get_visible (popover), WAIT_MS);
  TEST_WAIT_UNTIL (sent_is (f, "sendMsg", "phone", "13800138007"), WAIT_MS);

  g_settings_reset (settings, "dial-mode");
}

static void
test_keypad (Fixture       *f,
             gconstpointer  data)
{
  run (f, keypad_body);
}

typedef struct
{
  gboolean done;
  gboolean ok;
} Instance;

static void
on_instance_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Instance *instance = user_data;

  instance->ok = g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, NULL);
  instance->done = TRUE;
}

static void
wait_for_exit (GSubprocess *process,
               guint        timeout_ms)
{
  Instance instance = { 0 };

  g_subprocess_wait_check_async (process, NULL, on_instance_done_cb, &instance);
  TEST_WAIT_UNTIL (instance.done, timeout_ms);
  g_assert_true (instance.ok);
}

/* The program started again, as a desktop or a terminal would: it hands its command line to
 * the instance that runs and leaves. */
static void
second_instance (const char *program,
                 const char *arg1,
                 const char *arg2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, arg1, arg2, NULL);
  g_assert_no_error (error);
  wait_for_exit (process, WAIT_MS);
}

static gboolean
name_owned (GDBusConnection *bus,
            const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* The real program, one instance, dialed from each way in: `gapplication action … dial`, a
 * callto: link opened through D-Bus, `babaihu-agent --dial N` and `babaihu-agent tel:N` run
 * while it runs. */
static void
test_entry_points (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *program = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "app",
                                               "babaihu-agent", NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusActionGroup) remote = NULL;
  g_autoptr(GSubprocess) primary = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *uris[] = { "callto://023-6707-3579", NULL };
  const char *path = "/org/babaihu/Agent";
  gint64 quit_us;

  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("babaihu-agent is not built");
      return;
    }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  if (name_owned (bus, APP_ID))
    {
      g_test_skip ("another babaihu-agent runs on this bus");
      return;
    }

  primary = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program,
                              "--server", test_sandbox_get_url (f->sandbox),
                              "--account", DEMO_ACCOUNT,
                              "--password-file", f->password_file, NULL);
  g_assert_no_error (error);
  TEST_WAIT_UNTIL (name_owned (bus, APP_ID), WAIT_MS);

  /* gapplication action org.babaihu.Agent dial "'13800138007'" — once logged in, or kept
   * for the login that is on its way. */
  remote = g_dbus_action_group_get (bus, APP_ID, path);
  g_action_group_activate_action (G_ACTION_GROUP (remote), "dial",
                                  g_variant_new_string ("13800138007"));
  TEST_WAIT_UNTIL (sent_is (f, "callbackPhone", "descPhone", "13800138007"), WAIT_MS);

  /* A callto: link the desktop hands over (org.freedesktop.Application.Open). */
  reply = g_dbus_connection_call_sync (bus, APP_ID, path, "org.freedesktop.Application", "Open",
                                       g_variant_new ("(^asa{sv})", uris, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  TEST_WAIT_UNTIL (sent_is (f, "callbackPhone", "descPhone", "13800138007,02367073579"), WAIT_MS);

  /* Started again: the running instance dials, the new one leaves. */
  second_instance (program, "--dial", "13800138008");
  TEST_WAIT_UNTIL (sent_is (f, "callbackPhone", "descPhone", "13800138007,02367073579,13800138008"),
                   WAIT_MS);
  second_instance (program, "tel:+86-138-0013-8009", NULL);
  TEST_WAIT_UNTIL (sent_is (f, "callbackPhone", "descPhone",
                            "13800138007,02367073579,13800138008,13800138009"), WAIT_MS);
  g_assert_true (g_subprocess_get_identifier (primary) != NULL);

  /* gapplication action org.babaihu.Agent quit: gone within 5 s, checked out. */
  quit_us = g_get_monotonic_time ();
  g_action_group_activate_action (G_ACTION_GROUP (remote), "quit", NULL);
  wait_for_exit (primary, 5000);
  g_test_message ("quit took %.0f ms", (g_get_monotonic_time () - quit_us) / 1000.0);
  g_assert_true (sent_is (f, "setUserCheckInOut", "status", "0,1"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("test-dialer-state-XXXXXX", NULL);

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  /* The sandbox places callbacks quickly: the whole progress fits in a few seconds. */
  g_setenv ("BABAIHU_SANDBOX_CALLBACK_RING_MS", "800", TRUE);
  g_setenv ("BABAIHU_SANDBOX_CALLBACK_TALK_MS", "1500", TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/agent/dialer/normalize", test_normalize);
  g_test_add_func ("/agent/dialer/format", test_format);
  g_test_add_func ("/agent/dialer/parse-uri", test_parse_uri);
#define ADD(path, func) \
  g_test_add ("/agent/dialer/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("invalid-number", test_invalid);
  ADD ("callback-progress", test_callback);
  ADD ("tel-uri", test_tel_uri);
  ADD ("smarttel", test_smarttel);
  ADD ("message", test_message);
  ADD ("keypad", test_keypad);
  ADD ("entry-points", test_entry_points);
#undef ADD

  return g_test_run ();
}
