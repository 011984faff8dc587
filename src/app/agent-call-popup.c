/* agent-call-popup.c — the window that pops up on a call: who it is, what was said, a memo
 *
 * The pop-up is the product's heart, and it must be on screen before the agent picks up. So
 * it is built once, ahead of time (AgentPopupManager keeps a small pool), and a call only
 * fills a few labels and presents it. Everything that needs the server — the number's area,
 * the customer, recent memos, earlier calls — is asked for after that, all at once, and each
 * section shows its own loading, empty and error state; nothing waits for anything else.
 *
 * The memo field has the focus on an incoming call; Ctrl+Enter commits the memo to the
 * outbox (a disk write on its worker thread) and only then writes `memo-queued`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-call-popup"

#include "config.h"

#include "agent-call-popup-private.h"
#include "agent-phone.h"
#include "agent-trace.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#endif


G_DEFINE_ENUM_TYPE (AgentCallState, agent_call_state,
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_RINGING, "ringing"),
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_TALKING, "talking"),
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_ENDED, "ended"),
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_MISSED, "missed"))

G_DEFINE_FINAL_TYPE (AgentCallPopup, agent_call_popup, ADW_TYPE_WINDOW)

#define SPINNER_DELAY_MS 300

enum
{
  PROP_0,
  PROP_PHONE,
  PROP_STATE,
  PROP_OUTGOING,
  PROP_TALK_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* ---- the call's state ---- */

void
agent_call_popup_update_title (AgentCallPopup *self)
{
  g_autofree char *number = agent_phone_format (self->phone);
  g_autofree char *window = NULL;
  g_autofree char *announcement = NULL;
  const char *name = self->customer != NULL ? bbh_customer_get_name (self->customer) : NULL;
  const char *subtitle;

  if (self->outgoing)
    subtitle = _("Outgoing call");
  else if (self->state == AGENT_CALL_STATE_MISSED)
    subtitle = _("Missed call");
  else
    subtitle = _("Incoming call");

  adw_window_title_set_title (self->window_title, !is_empty (name) ? name : number);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Translators: the pop-up's window title; %s is a name or a number */
  window = g_strdup_printf (self->outgoing ? _("Call to %s") : _("Call from %s"),
                            !is_empty (name) ? name : number);
  gtk_window_set_title (GTK_WINDOW (self), window);

  /* What a screen reader announces: the call box around the number is an alert. */
  if (self->outgoing)
    /* Translators: read out by a screen reader; %s is a name or a number */
    announcement = g_strdup_printf (_("Outgoing call to %s"), !is_empty (name) ? name : number);
  else if (self->state == AGENT_CALL_STATE_MISSED)
    /* Translators: read out by a screen reader; %s is a name or a number */
    announcement = g_strdup_printf (_("Missed call from %s"), !is_empty (name) ? name : number);
  else
    /* Translators: read out by a screen reader; %s is a name or a number */
    announcement = g_strdup_printf (_("Incoming call from %s"), !is_empty (name) ? name : number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self->number_label))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, announcement,
                                  -1);
}

void
agent_call_popup_update_state_label (AgentCallPopup *self)
{
  g_autofree char *duration = format_duration (self->talk_seconds);
  g_autofree char *text = NULL;
  const char *icon;

  switch (self->state)
    {
    case AGENT_CALL_STATE_RINGING:
      text = g_strdup (self->outgoing ? _("Calling…") : _("Ringing…"));
      break;
    case AGENT_CALL_STATE_TALKING:
      /* Translators: %s is the time talked so far, like 01:23 */
      text = g_strdup_printf (_("Talking · %s"), duration);
      break;
    case AGENT_CALL_STATE_ENDED:
      /* Translators: %s is how long the call lasted, like 01:23 */
      text = g_strdup_printf (_("Ended · %s"), duration);
      break;
    case AGENT_CALL_STATE_MISSED:
      text = g_strdup (self->outgoing ? _("No answer") : _("Missed call"));
      break;
    case AGENT_CALL_STATE_IDLE:
    default:
      text = g_strdup ("");
      break;
    }

  gtk_label_set_label (self->state_label, text);

  if (self->state == AGENT_CALL_STATE_MISSED && !self->outgoing)
    icon = "call-missed-symbolic";
  else
    icon = self->outgoing ? "call-outgoing-symbolic" : "call-incoming-symbolic";
  gtk_image_set_from_icon_name (self->direction_image, icon);

  gtk_widget_set_visible (GTK_WIDGET (self->call_back_button),
                          self->state == AGENT_CALL_STATE_MISSED ||
                          self->state == AGENT_CALL_STATE_ENDED);
  gtk_widget_set_visible (GTK_WIDGET (self->play_button),
                          self->record != NULL && bbh_call_record_has_recording (self->record) &&
                          (self->state == AGENT_CALL_STATE_ENDED ||
                           self->state == AGENT_CALL_STATE_MISSED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popup.play-recording",
                                 gtk_widget_get_visible (GTK_WIDGET (self->play_button)));
}

static void
set_state (AgentCallPopup *self,
           AgentCallState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  agent_call_popup_update_state_label (self);
  agent_call_popup_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
agent_call_popup_set_talk_seconds (AgentCallPopup *self,
                  guint           seconds)
{
  if (self->talk_seconds == seconds)
    return;

  self->talk_seconds = seconds;
  agent_call_popup_update_state_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TALK_SECONDS]);
}

static gboolean
on_timer_cb (gpointer user_data)
{
  AgentCallPopup *self = user_data;

  agent_call_popup_set_talk_seconds (self, (g_get_monotonic_time () - self->answered_us) / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

/* ---- GtkWindow ---- */

static gboolean
agent_call_popup_close_request (GtkWindow *window)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (window);

  if (self->saving && self->close_after_save)
    return TRUE;

  if (!self->close_confirmed && agent_call_popup_has_unsaved_memo (self))
    {
      agent_call_popup_ask_about_memo (self);
      return TRUE;
    }

  self->close_confirmed = FALSE;
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);

  /* hide-on-close: the window goes back to the pool, it is not destroyed. */
  return GTK_WINDOW_CLASS (agent_call_popup_parent_class)->close_request (window);
}

static void
clear_lookup_trigger (AgentCallPopup *self)
{
  /* The clock goes with the window's surface: once that is gone (the application quitting
   * before the pop-up painted), its handlers were dropped with it. */
  if (self->paint_clock != NULL && self->after_paint_id != 0 &&
      g_signal_handler_is_connected (self->paint_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->paint_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->paint_clock);
  g_clear_handle_id (&self->lookup_fallback_id, g_source_remove);
}

static void
on_first_paint_cb (GdkFrameClock  *clock,
                   AgentCallPopup *self)
{
  clear_lookup_trigger (self);
  agent_call_popup_begin_lookups (self);
}

static gboolean
on_lookup_fallback_cb (gpointer user_data)
{
  AgentCallPopup *self = user_data;

  self->lookup_fallback_id = 0;
  clear_lookup_trigger (self);
  agent_call_popup_begin_lookups (self);
  return G_SOURCE_REMOVE;
}

static void
spin_if_loading (GtkStack   *stack,
                 GtkSpinner *spinner)
{
  gtk_spinner_set_spinning (spinner,
                            g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") == 0);
}

static gboolean
on_spinner_delay_cb (gpointer user_data)
{
  AgentCallPopup *self = user_data;

  self->spinner_id = 0;
  spin_if_loading (self->customer_stack, self->customer_spinner);
  spin_if_loading (self->memos_stack, self->memos_spinner);
  spin_if_loading (self->calls_stack, self->calls_spinner);
  return G_SOURCE_REMOVE;
}

/* ---- GObject ---- */

static void
agent_call_popup_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (object);

  switch (prop_id)
    {
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_OUTGOING:
      g_value_set_boolean (value, self->outgoing);
      break;
    case PROP_TALK_SECONDS:
      g_value_set_uint (value, self->talk_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---- staying on top ---- */

#ifdef GDK_WINDOWING_X11
/* The window's _NET_WM_STATE with @atom added or taken out. */
static void
x11_update_state_property (Display *xdisplay,
                           Window   xid,
                           Atom     state,
                           Atom     atom,
                           gboolean add)
{
  g_autoptr(GArray) atoms = g_array_new (FALSE, FALSE, sizeof (Atom));
  Atom type = None;
  int format = 0;
  unsigned long n = 0, after = 0;
  unsigned char *data = NULL;

  if (XGetWindowProperty (xdisplay, xid, state, 0, 1024, False, XA_ATOM, &type, &format, &n,
                          &after, &data) == Success && type == XA_ATOM && format == 32)
    for (unsigned long i = 0; i < n; i++)
      if (((Atom *) data)[i] != atom)
        g_array_append_val (atoms, ((Atom *) data)[i]);
  g_clear_pointer (&data, XFree);

  if (add)
    g_array_append_val (atoms, atom);
  XChangeProperty (xdisplay, xid, state, XA_ATOM, 32, PropModeReplace,
                   (unsigned char *) atoms->data, atoms->len);
}
#endif

/* GTK 4 has no "keep above": on X11 the pop-up asks the window manager itself (EWMH
 * _NET_WM_STATE_ABOVE). On Wayland the compositor decides; the preference says so. */
static void
apply_keep_above (AgentCallPopup *self)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GdkDisplay *display;
  Display *xdisplay;
  XClientMessageEvent message = { 0 };
  gboolean above;
  Atom state, atom;

  if (surface == NULL || !GDK_IS_X11_SURFACE (surface) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  /* While the call lasts: an ended or missed call's pop-up is an ordinary window. */
  above = g_settings_get_boolean (self->settings, "popup-keep-above") &&
          (self->state == AGENT_CALL_STATE_RINGING || self->state == AGENT_CALL_STATE_TALKING);
  display = gdk_surface_get_display (surface);
  xdisplay = gdk_x11_display_get_xdisplay (display);
  state = gdk_x11_get_xatom_by_name_for_display (display, "_NET_WM_STATE");
  atom = gdk_x11_get_xatom_by_name_for_display (display, "_NET_WM_STATE_ABOVE");

  gdk_x11_display_error_trap_push (display);

  /* A window manager that already manages the window changes its state on request… */
  message.type = ClientMessage;
  message.window = gdk_x11_surface_get_xid (surface);
  message.message_type = state;
  message.format = 32;
  message.data.l[0] = above ? 1 : 0;   /* _NET_WM_STATE_ADD, _NET_WM_STATE_REMOVE */
  message.data.l[1] = atom;
  message.data.l[3] = 1;               /* from an application */
  XSendEvent (xdisplay, gdk_x11_display_get_xrootwindow (display), False,
              SubstructureRedirectMask | SubstructureNotifyMask, (XEvent *) &message);

  /* …and one that takes it on now (the map request is on its way) reads the property. */
  x11_update_state_property (xdisplay, message.window, state, atom, above);

  gdk_x11_display_error_trap_pop_ignored (display);
#endif
}

static void
agent_call_popup_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (agent_call_popup_parent_class)->map (widget);

  apply_keep_above (AGENT_CALL_POPUP (widget));
}

static void
agent_call_popup_dispose (GObject *object)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->record_retry_id, g_source_remove);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  clear_lookup_trigger (self);
  agent_call_popup_forget_created (self);
  g_clear_object (&self->client);
  if (self->fields != NULL)
    g_signal_handlers_disconnect_by_data (self->fields, self);
  g_clear_object (&self->fields);
  g_clear_object (&self->outbox);
  g_clear_object (&self->customer);
  g_clear_object (&self->record);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_CALL_POPUP);

  G_OBJECT_CLASS (agent_call_popup_parent_class)->dispose (object);
}

static void
agent_call_popup_finalize (GObject *object)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (object);

  g_clear_object (&self->cancellable);
  g_free (self->phone);
  g_free (self->saving_text);

  G_OBJECT_CLASS (agent_call_popup_parent_class)->finalize (object);
}

static void
agent_call_popup_class_init (AgentCallPopupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = agent_call_popup_get_property;
  object_class->dispose = agent_call_popup_dispose;
  object_class->finalize = agent_call_popup_finalize;
  widget_class->map = agent_call_popup_map;
  window_class->close_request = agent_call_popup_close_request;

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, AGENT_TYPE_CALL_STATE, AGENT_CALL_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTGOING] =
    g_param_spec_boolean ("outgoing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TALK_SECONDS] =
    g_param_spec_uint ("talk-seconds", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentCallPopup::closed:
   * @self: the pop-up
   *
   * The agent closed the pop-up (after answering the question about an unsaved memo); it is
   * hidden, ready to be reset and used for another call.
   */
  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-call-popup.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, window_title);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, direction_image);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, number_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, area_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, state_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, play_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, call_back_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, customer_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, customer_spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, customer_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, customer_actions);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, lock_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, customer_error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memos_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memos_spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memos_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memos_error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, calls_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, calls_spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, calls_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, calls_error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memo_view);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memo_status_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, save_button);

  agent_call_popup_class_add_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
agent_call_popup_init (AgentCallPopup *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->cdr_id = -1;

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::popup-keep-above",
                           G_CALLBACK (apply_keep_above), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::state", G_CALLBACK (apply_keep_above), NULL);

  /* In the capture phase: the text view would otherwise take Ctrl+Enter as a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                      gtk_named_action_new ("popup.save-memo")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (gtk_text_view_get_buffer (self->memo_view), "changed",
                           G_CALLBACK (agent_call_popup_memo_changed), self, G_CONNECT_SWAPPED);
  agent_call_popup_memo_changed (self);
  agent_call_popup_update_state_label (self);
  agent_call_popup_update_customer_actions (self);
}

/* ---- public API ---- */

/**
 * agent_call_popup_new:
 * @application: (nullable): the application, so that `app.` actions reach it
 *
 * Returns: (transfer full): an empty pop-up, to be filled with agent_call_popup_start()
 */
AgentCallPopup *
agent_call_popup_new (GtkApplication *application)
{
  return g_object_new (AGENT_TYPE_CALL_POPUP, "application", application, NULL);
}

/**
 * agent_call_popup_start:
 * @self: an #AgentCallPopup
 * @event: the call's first event (ringing, or whatever came first)
 * @client: (nullable): the client the lookups go through
 * @outbox: (nullable): where memos are saved
 *
 * Fills in what is known without asking anyone — the number, the direction, the state — so
 * that the caller can present the pop-up right away. No request is made here; call
 * agent_call_popup_begin_lookups() once it is presented.
 */
void
agent_call_popup_start (AgentCallPopup *self,
                        BbhEvent       *event,
                        BbhClient      *client,
                        AgentOutbox    *outbox)
{
  g_autofree char *number = NULL;

  g_return_if_fail (AGENT_IS_CALL_POPUP (self));
  g_return_if_fail (BBH_IS_EVENT (event));

  agent_call_popup_reset (self);

  g_set_object (&self->client, client);
  g_set_object (&self->outbox, outbox);
  self->phone = g_strdup (bbh_event_get_phone (event));
  self->outgoing = bbh_event_get_kind (event) == BBH_EVENT_KIND_OUTGOING_CALL;
  self->msg_time = bbh_event_get_time_ms (event);
  if (bbh_event_get_cdr_id (event) > 0)
    self->cdr_id = bbh_event_get_cdr_id (event);

  number = agent_phone_format (self->phone);
  gtk_label_set_label (self->number_label, number);
  gtk_label_set_label (self->area_label, "");

  self->state = AGENT_CALL_STATE_RINGING;
  agent_call_popup_update_state_label (self);
  agent_call_popup_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTGOING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  /* The event may already say more than "ringing" (a pop-up made for a later event). */
  agent_call_popup_update (self, event);

  gtk_widget_grab_focus (GTK_WIDGET (self->memo_view));
}

/**
 * agent_call_popup_begin_lookups:
 * @self: an #AgentCallPopup
 *
 * Asks the server, all at once, for the area, the customer, the latest memos and the last
 * calls; each section fills itself in as its answer comes. Once per call.
 */
void
agent_call_popup_begin_lookups (AgentCallPopup *self)
{
  g_return_if_fail (AGENT_IS_CALL_POPUP (self));

  if (self->lookups_started || self->client == NULL || self->phone == NULL)
    return;
  self->lookups_started = TRUE;

  g_clear_handle_id (&self->spinner_id, g_source_remove);
  self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, on_spinner_delay_cb, self);

  agent_call_popup_lookup_area (self);
  agent_call_popup_lookup_customer (self);
  agent_call_popup_lookup_memos (self);
  agent_call_popup_lookup_calls (self);

  if (self->state == AGENT_CALL_STATE_ENDED || self->state == AGENT_CALL_STATE_MISSED)
    agent_call_popup_lookup_record (self);
}

/**
 * agent_call_popup_lookup_after_paint:
 * @self: an #AgentCallPopup, just presented
 *
 * Starts the lookups once the first frame of the pop-up is painted — never before, and never
 * later than 150 ms after this call, whatever keeps the main loop busy. An idle would not
 * do: while anything animates, redraws outrank idles and it could wait for ever.
 */
void
agent_call_popup_lookup_after_paint (AgentCallPopup *self)
{
  GdkFrameClock *clock;

  g_return_if_fail (AGENT_IS_CALL_POPUP (self));

  clear_lookup_trigger (self);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock != NULL)
    {
      self->paint_clock = g_object_ref (clock);
      self->after_paint_id = g_signal_connect (clock, "after-paint",
                                               G_CALLBACK (on_first_paint_cb), self);
    }
  self->lookup_fallback_id = g_timeout_add (150, on_lookup_fallback_cb, self);
}

/**
 * agent_call_popup_update:
 * @self: an #AgentCallPopup
 * @event: a later event of the same call
 *
 * Follows the call: ringing → talking (a timer, every second) → ended (the duration and the
 * recording from the call record) or missed.
 */
void
agent_call_popup_update (AgentCallPopup *self,
                         BbhEvent       *event)
{
  g_return_if_fail (AGENT_IS_CALL_POPUP (self));
  g_return_if_fail (BBH_IS_EVENT (event));

  if (bbh_event_get_cdr_id (event) > 0)
    self->cdr_id = bbh_event_get_cdr_id (event);

  if (bbh_event_is_hangup (event))
    {
      int talked = bbh_event_get_talk_seconds (event);

      if (self->state == AGENT_CALL_STATE_ENDED || self->state == AGENT_CALL_STATE_MISSED)
        return;

      g_clear_handle_id (&self->timer_id, g_source_remove);
      if (self->state == AGENT_CALL_STATE_TALKING)
        {
          if (talked > 0)
            agent_call_popup_set_talk_seconds (self, talked);
          else
            on_timer_cb (self);
          set_state (self, AGENT_CALL_STATE_ENDED);
        }
      else
        {
          set_state (self, talked > 0 ? AGENT_CALL_STATE_ENDED : AGENT_CALL_STATE_MISSED);
          if (talked > 0)
            agent_call_popup_set_talk_seconds (self, talked);
        }

      self->record_attempts = 0;
      if (self->lookups_started)
        agent_call_popup_lookup_record (self);
      return;
    }

  if (bbh_event_is_answered (event))
    {
      if (self->state != AGENT_CALL_STATE_RINGING && self->state != AGENT_CALL_STATE_IDLE)
        return;

      self->answered_us = g_get_monotonic_time ();
      agent_call_popup_set_talk_seconds (self, 0);
      set_state (self, AGENT_CALL_STATE_TALKING);
      g_clear_handle_id (&self->timer_id, g_source_remove);
      self->timer_id = g_timeout_add_seconds (1, on_timer_cb, self);
      return;
    }
}

/**
 * agent_call_popup_reset:
 * @self: an #AgentCallPopup
 *
 * Forgets the call: cancels its lookups, empties every section and the memo field.
 */
void
agent_call_popup_reset (AgentCallPopup *self)
{
  g_return_if_fail (AGENT_IS_CALL_POPUP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->record_retry_id, g_source_remove);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  clear_lookup_trigger (self);
  if (self->question != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->question)));

  agent_call_popup_forget_created (self);
  g_clear_object (&self->client);
  g_clear_object (&self->customer);
  g_clear_object (&self->record);
  g_clear_pointer (&self->phone, g_free);
  self->state = AGENT_CALL_STATE_IDLE;
  self->outgoing = FALSE;
  self->msg_time = 0;
  self->cdr_id = -1;
  self->talk_seconds = 0;
  self->record_attempts = 0;
  self->lookups_started = FALSE;
  self->close_after_save = FALSE;
  self->close_confirmed = FALSE;
  self->locked = FALSE;
  agent_call_popup_update_customer_actions (self);

  gtk_label_set_label (self->number_label, "");
  gtk_label_set_label (self->area_label, "");
  list_box_clear (self->customer_list);
  list_box_clear (self->memos_list);
  list_box_clear (self->calls_list);
  set_section (self->customer_stack, self->customer_spinner, "loading");
  set_section (self->memos_stack, self->memos_spinner, "loading");
  set_section (self->calls_stack, self->calls_spinner, "loading");
  gtk_spinner_set_spinning (self->customer_spinner, FALSE);
  gtk_spinner_set_spinning (self->memos_spinner, FALSE);
  gtk_spinner_set_spinning (self->calls_spinner, FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->memo_view), "", 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->memo_status_label), "error");
  gtk_label_set_label (self->memo_status_label, _("Ctrl+Enter saves the memo"));
  agent_call_popup_update_state_label (self);
}

/**
 * agent_call_popup_close:
 * @self: an #AgentCallPopup
 *
 * Closes the pop-up as the agent would: an unsaved memo is asked about first.
 */
void
agent_call_popup_close (AgentCallPopup *self)
{
  g_return_if_fail (AGENT_IS_CALL_POPUP (self));

  gtk_window_close (GTK_WINDOW (self));
}

const char *
agent_call_popup_get_phone (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  return self->phone;
}

AgentCallState
agent_call_popup_get_state (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), AGENT_CALL_STATE_IDLE);

  return self->state;
}

gboolean
agent_call_popup_get_outgoing (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), FALSE);

  return self->outgoing;
}

gint64
agent_call_popup_get_msg_time (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), 0);

  return self->msg_time;
}

gint64
agent_call_popup_get_cdr_id (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), -1);

  return self->cdr_id;
}

guint
agent_call_popup_get_talk_seconds (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), 0);

  return self->talk_seconds;
}

/**
 * agent_call_popup_get_customer:
 * @self: an #AgentCallPopup
 *
 * Returns: (transfer none) (nullable): the customer the server knows for the number
 */
BbhCustomer *
agent_call_popup_get_customer (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  return self->customer;
}

/**
 * agent_call_popup_get_call_record:
 * @self: an #AgentCallPopup
 *
 * Returns: (transfer none) (nullable): the record of this call, once it ended and the server
 *   has it
 */
BbhCallRecord *
agent_call_popup_get_call_record (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  return self->record;
}

/**
 * agent_call_popup_get_section_state:
 * @self: an #AgentCallPopup
 * @section: `customer`, `memos` or `calls`
 *
 * Returns: (nullable): what the section shows: `loading`, `error`, and `found` or `unknown`
 *   for the customer, `list` or `empty` for the others
 */
const char *
agent_call_popup_get_section_state (AgentCallPopup *self,
                                    const char     *section)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  if (g_strcmp0 (section, "customer") == 0)
    return gtk_stack_get_visible_child_name (self->customer_stack);
  if (g_strcmp0 (section, "memos") == 0)
    return gtk_stack_get_visible_child_name (self->memos_stack);
  if (g_strcmp0 (section, "calls") == 0)
    return gtk_stack_get_visible_child_name (self->calls_stack);
  return NULL;
}

/**
 * agent_call_popup_get_memo_buffer:
 * @self: an #AgentCallPopup
 *
 * Returns: (transfer none): the memo being written
 */
GtkTextBuffer *
agent_call_popup_get_memo_buffer (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  return gtk_text_view_get_buffer (self->memo_view);
}

/**
 * agent_call_popup_has_unsaved_memo:
 * @self: an #AgentCallPopup
 *
 * Returns: whether the memo field holds text that is not committed to the outbox
 */
gboolean
agent_call_popup_has_unsaved_memo (AgentCallPopup *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), FALSE);

  text = dup_memo_text (self);
  return *text != '\0' && g_strcmp0 (text, self->saving_text) != 0;
}
