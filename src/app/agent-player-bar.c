/* agent-player-bar.c — the recording player's controls: play, seek, speed, volume, waveform
 *
 * The bar owns one AgentPlayer and shows it: play/pause, the title, the waveform (click to
 * seek), a seek bar with position and duration, the speed (0.5× to 2×, pitch kept), the volume
 * and, when its owner offers it, a download button. Keys while it has the focus: Space plays or
 * pauses, ← and → jump 5 s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-player-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-player-bar.h"
#include "agent-waveform.h"

#define SKIP_MS 5000

struct _AgentPlayerBar
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *box;
  GtkButton      *play_button;
  GtkLabel       *title_label;
  GtkStack       *wave_stack;
  AgentWaveform  *waveform;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;
  GtkMenuButton  *speed_button;
  GtkScaleButton *volume_button;
  GtkWidget      *download_button;
  GtkLabel       *position_label;
  GtkScale       *seek_scale;
  GtkAdjustment  *seek_adjustment;
  GtkLabel       *duration_label;

  /* Owned */
  AgentPlayer    *player;
};

G_DEFINE_FINAL_TYPE (AgentPlayerBar, agent_player_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAYER,
  PROP_RATE,
  PROP_CAN_DOWNLOAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DOWNLOAD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * agent_format_duration:
 * @ms: a duration in milliseconds
 *
 * Returns: (transfer full): `m:ss`, or `h:mm:ss` from an hour on
 */
char *
agent_format_duration (gint64 ms)
{
  gint64 s = MAX (0, ms) / 1000;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", s / 60, (int) (s % 60));
}

static char *
format_rate (double rate)
{
  if (G_APPROX_VALUE (rate, 1.0, 0.001))
    return g_strdup ("1×");
  /* A speed, as in "1.5×" */
  return g_strdup_printf (_("%g×"), rate);
}

static void
update_position (AgentPlayerBar *self)
{
  gint64 position = agent_player_get_position (self->player);
  g_autofree char *text = agent_format_duration (position);

  gtk_label_set_label (self->position_label, text);
  gtk_adjustment_set_value (self->seek_adjustment, position);
  agent_waveform_set_position (self->waveform, position);
}

static void
update_duration (AgentPlayerBar *self)
{
  gint64 duration = agent_player_get_duration (self->player);
  g_autofree char *text = agent_format_duration (duration);

  gtk_label_set_label (self->duration_label, text);
  gtk_adjustment_set_upper (self->seek_adjustment, MAX (1, duration));
  agent_waveform_set_duration (self->waveform, duration);
}

static void
update_state (AgentPlayerBar *self)
{
  AgentPlayerState state = agent_player_get_state (self->player);
  gboolean playing = state == AGENT_PLAYER_STATE_PLAYING || state == AGENT_PLAYER_STATE_LOADING;
  gboolean usable = state != AGENT_PLAYER_STATE_ERROR && state != AGENT_PLAYER_STATE_IDLE;

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)")
                                       : state == AGENT_PLAYER_STATE_ERROR ? _("Try again")
                                                                           : _("Play (Space)"));
  gtk_spinner_set_spinning (self->spinner, state == AGENT_PLAYER_STATE_LOADING);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), state == AGENT_PLAYER_STATE_LOADING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->seek_scale), usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.back", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.forward", usable);

  if (state == AGENT_PLAYER_STATE_ERROR)
    {
      gtk_label_set_label (self->error_label, agent_player_get_error_message (self->player));
      gtk_stack_set_visible_child_name (self->wave_stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->wave_stack, "wave");

  gtk_widget_set_visible (GTK_WIDGET (self), state != AGENT_PLAYER_STATE_IDLE);
}

static void
update_rate (AgentPlayerBar *self)
{
  g_autofree char *label = format_rate (agent_player_get_rate (self->player));

  gtk_menu_button_set_label (self->speed_button, label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

static void
on_player_notify_cb (AgentPlayerBar *self,
                     GParamSpec     *pspec,
                     AgentPlayer    *player)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "position"))
    update_position (self);
  else if (g_str_equal (name, "duration"))
    update_duration (self);
  else if (g_str_equal (name, "state") || g_str_equal (name, "error-message"))
    update_state (self);
  else if (g_str_equal (name, "rate"))
    update_rate (self);
  else if (g_str_equal (name, "title"))
    gtk_label_set_label (self->title_label, agent_player_get_title (player));
}

static void
on_waveform_seek_cb (AgentPlayerBar *self,
                     gint64          position)
{
  agent_player_seek (self->player, position);
}

static gboolean
on_seek_change_value_cb (GtkRange       *range,
                         GtkScrollType   scroll,
                         double          value,
                         AgentPlayerBar *self)
{
  agent_player_seek (self->player, (gint64) value);
  return FALSE;
}

static void
on_volume_changed_cb (AgentPlayerBar *self,
                      double          value)
{
  agent_player_set_volume (self->player, value);
}

static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  agent_player_toggle (AGENT_PLAYER_BAR (widget)->player);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  agent_player_skip (AGENT_PLAYER_BAR (widget)->player, -SKIP_MS);
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  agent_player_skip (AGENT_PLAYER_BAR (widget)->player, SKIP_MS);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  agent_player_bar_close (AGENT_PLAYER_BAR (widget));
}

static void
download_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AgentPlayerBar *self = AGENT_PLAYER_BAR (widget);

  g_signal_emit (self, signals[SIGNAL_DOWNLOAD], 0, agent_player_get_cdr_id (self->player));
}

static void
agent_player_bar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AgentPlayerBar *self = AGENT_PLAYER_BAR (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;

    case PROP_RATE:
      g_value_set_double (value, agent_player_get_rate (self->player));
      break;

    case PROP_CAN_DOWNLOAD:
      g_value_set_boolean (value, gtk_widget_get_visible (self->download_button));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_player_bar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AgentPlayerBar *self = AGENT_PLAYER_BAR (object);

  switch (prop_id)
    {
    case PROP_RATE:
      agent_player_bar_set_rate (self, g_value_get_double (value));
      break;

    case PROP_CAN_DOWNLOAD:
      if (gtk_widget_get_visible (self->download_button) != g_value_get_boolean (value))
        {
          gtk_widget_set_visible (self->download_button, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_player_bar_dispose (GObject *object)
{
  AgentPlayerBar *self = AGENT_PLAYER_BAR (object);

  if (self->player != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->player, self);
      agent_player_close (self->player);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_PLAYER_BAR);
  g_clear_object (&self->player);

  G_OBJECT_CLASS (agent_player_bar_parent_class)->dispose (object);
}

static void
agent_player_bar_class_init (AgentPlayerBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = agent_player_bar_get_property;
  object_class->set_property = agent_player_bar_set_property;
  object_class->dispose = agent_player_bar_dispose;

  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL, AGENT_TYPE_PLAYER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, AGENT_PLAYER_MIN_RATE, AGENT_PLAYER_MAX_RATE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_DOWNLOAD] =
    g_param_spec_boolean ("can-download", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentPlayerBar::download:
   * @cdr_id: the open recording's call record id, as text
   *
   * The download button was pressed (shown when `can-download` is set).
   */
  signals[SIGNAL_DOWNLOAD] =
    g_signal_new ("download", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (AGENT_TYPE_WAVEFORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-player-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, box);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, wave_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, waveform);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, speed_button);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, volume_button);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, download_button);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, position_label);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, seek_scale);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, seek_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AgentPlayerBar, duration_label);
  gtk_widget_class_bind_template_callback (widget_class, on_waveform_seek_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_seek_change_value_cb);

  gtk_widget_class_install_action (widget_class, "player.toggle", NULL, toggle_action);
  gtk_widget_class_install_action (widget_class, "player.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "player.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "player.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "player.download", NULL, download_action);
  gtk_widget_class_install_property_action (widget_class, "player.speed", "rate");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "player.toggle", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "player.toggle", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "player.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "player.forward", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "playerbar");
}

static void
agent_player_bar_init (AgentPlayerBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->player = agent_player_new ();
  g_signal_connect_object (self->player, "notify", G_CALLBACK (on_player_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->volume_button, "value-changed",
                           G_CALLBACK (on_volume_changed_cb), self, G_CONNECT_SWAPPED);

  update_rate (self);
  update_state (self);
}

GtkWidget *
agent_player_bar_new (void)
{
  return g_object_new (AGENT_TYPE_PLAYER_BAR, NULL);
}

/**
 * agent_player_bar_get_player:
 * @self: a #AgentPlayerBar
 *
 * Returns: (transfer none): the player the bar controls
 */
AgentPlayer *
agent_player_bar_get_player (AgentPlayerBar *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER_BAR (self), NULL);

  return self->player;
}

/**
 * agent_player_bar_open:
 * @self: a #AgentPlayerBar
 * @uri: (nullable): the recording's URL (without the password when possible: it also keys
 *   the waveform cache)
 * @cdr_id: (nullable): the call record id, as text
 * @title: (nullable): what the recording is, e.g. the number and the time of the call
 *
 * Shows the bar and plays @uri; its waveform follows.
 */
void
agent_player_bar_open (AgentPlayerBar *self,
                       const char     *uri,
                       const char     *cdr_id,
                       const char     *title)
{
  g_return_if_fail (AGENT_IS_PLAYER_BAR (self));

  gtk_label_set_label (self->title_label, title);
  agent_waveform_set_uri (self->waveform, uri);
  agent_player_open (self->player, uri, cdr_id, title);
  update_position (self);
  update_duration (self);
  update_state (self);
}

/**
 * agent_player_bar_close:
 * @self: a #AgentPlayerBar
 *
 * Stops playing and hides the bar.
 */
void
agent_player_bar_close (AgentPlayerBar *self)
{
  g_return_if_fail (AGENT_IS_PLAYER_BAR (self));

  agent_player_close (self->player);
  agent_waveform_set_uri (self->waveform, NULL);
}

double
agent_player_bar_get_rate (AgentPlayerBar *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER_BAR (self), 1.0);

  return agent_player_get_rate (self->player);
}

/**
 * agent_player_bar_set_rate:
 * @self: a #AgentPlayerBar
 * @rate: the speed, 0.5 to 2
 *
 * What the speed menu does.
 */
void
agent_player_bar_set_rate (AgentPlayerBar *self,
                           double          rate)
{
  g_return_if_fail (AGENT_IS_PLAYER_BAR (self));

  agent_player_set_rate (self->player, rate);
}
