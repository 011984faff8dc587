/* agent-channel-bar.c — labelled horizontal bars drawn with GtkSnapshot: channels in use,
 * numbers of a task per state
 *
 * Each bar is a row: its label, a track with the filled part (value / max) and the value in
 * words ("12 of 30"). The colours are the theme's, so the picture follows dark mode. The same
 * text is the widget's tooltip and accessible description, for those who cannot see it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-channel-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-channel-bar.h"

#define ROW_HEIGHT   22
#define ROW_SPACING  8
#define TRACK_HEIGHT 10
#define GAP          12
#define MIN_TRACK    120

typedef struct
{
  char                 *label;
  char                 *value_text;
  double                value;
  double                max;
  AgentChannelBarStyle  style;
} Bar;

struct _AgentChannelBar
{
  GtkWidget  parent_instance;

  /* Owned */
  GArray    *bars;   /* Bar */
};

G_DEFINE_FINAL_TYPE (AgentChannelBar, agent_channel_bar, GTK_TYPE_WIDGET)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->value_text);
}

static PangoLayout *
make_layout (AgentChannelBar *self,
             const char      *text)
{
  return gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
}

static int
text_width (AgentChannelBar *self,
            const char      *text)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* The widest label and the widest value text, so that the tracks line up. */
static void
measure_columns (AgentChannelBar *self,
                 int             *out_label,
                 int             *out_value)
{
  int label = 0, value = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);

      label = MAX (label, text_width (self, bar->label));
      value = MAX (value, text_width (self, bar->value_text));
    }
  *out_label = label;
  *out_value = value;
}

static void
lookup_color (AgentChannelBar      *self,
              AgentChannelBarStyle  style,
              GdkRGBA              *color)
{
  static const struct { const char *name; const char *fallback; } names[] = {
    [AGENT_CHANNEL_BAR_ACCENT]  = { "accent_bg_color", "#3584e4" },
    [AGENT_CHANNEL_BAR_SUCCESS] = { "success_bg_color", "#26a269" },
    [AGENT_CHANNEL_BAR_WARNING] = { "warning_bg_color", "#cd9309" },
    [AGENT_CHANNEL_BAR_ERROR]   = { "error_bg_color", "#c01c28" },
    [AGENT_CHANNEL_BAR_NEUTRAL] = { "dark_2", "#5e5c64" },
  };
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if ((guint) style >= G_N_ELEMENTS (names))
    style = AGENT_CHANNEL_BAR_ACCENT;
  if (!gtk_style_context_lookup_color (context, names[style].name, color))
    gdk_rgba_parse (color, names[style].fallback);
}

static void
agent_channel_bar_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  AgentChannelBar *self = AGENT_CHANNEL_BAR (widget);
  guint n = self->bars->len;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = n > 0 ? (int) (n * ROW_HEIGHT + (n - 1) * ROW_SPACING) : 0;
    }
  else
    {
      int label, value;

      measure_columns (self, &label, &value);
      *minimum = label + value + 2 * GAP + MIN_TRACK;
      *natural = label + value + 2 * GAP + 3 * MIN_TRACK;
    }
}

static void
agent_channel_bar_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AgentChannelBar *self = AGENT_CHANNEL_BAR (widget);
  int width = gtk_widget_get_width (widget);
  int label_width, value_width, track_x, track_width;
  GdkRGBA fg, track;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  track = fg;
  track.alpha *= 0.12f;

  measure_columns (self, &label_width, &value_width);
  track_x = label_width + GAP;
  track_width = MAX (width - track_x - GAP - value_width, 1);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      int y = (int) i * (ROW_HEIGHT + ROW_SPACING);
      double fraction = bar->max > 0 ? CLAMP (bar->value / bar->max, 0.0, 1.0) : 0.0;
      float track_y = y + (ROW_HEIGHT - TRACK_HEIGHT) / 2.0f;
      GskRoundedRect rounded;
      g_autoptr(PangoLayout) label = make_layout (self, bar->label);
      g_autoptr(PangoLayout) value = make_layout (self, bar->value_text);
      int text_height;
      GdkRGBA color;

      /* label */
      pango_layout_get_pixel_size (label, NULL, &text_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y + (ROW_HEIGHT - text_height) / 2.0f));
      gtk_snapshot_append_layout (snapshot, label, &fg);
      gtk_snapshot_restore (snapshot);

      /* track and filled part */
      gsk_rounded_rect_init_from_rect (&rounded,
                                       &GRAPHENE_RECT_INIT (track_x, track_y, track_width, TRACK_HEIGHT),
                                       TRACK_HEIGHT / 2.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &track,
                                 &GRAPHENE_RECT_INIT (track_x, track_y, track_width, TRACK_HEIGHT));
      if (fraction > 0)
        {
          lookup_color (self, bar->style, &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (track_x, track_y,
                                                          MAX ((float) (track_width * fraction), 2.0f),
                                                          TRACK_HEIGHT));
        }
      gtk_snapshot_pop (snapshot);

      /* value */
      pango_layout_get_pixel_size (value, NULL, &text_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (track_x + track_width + GAP,
                                                    y + (ROW_HEIGHT - text_height) / 2.0f));
      gtk_snapshot_append_layout (snapshot, value, &fg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
update_description (AgentChannelBar *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s: %s", bar->label, bar->value_text);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text->len > 0 ? text->str : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
agent_channel_bar_finalize (GObject *object)
{
  AgentChannelBar *self = AGENT_CHANNEL_BAR (object);

  g_array_unref (self->bars);

  G_OBJECT_CLASS (agent_channel_bar_parent_class)->finalize (object);
}

static void
agent_channel_bar_class_init (AgentChannelBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = agent_channel_bar_finalize;
  widget_class->measure = agent_channel_bar_measure;
  widget_class->snapshot = agent_channel_bar_snapshot;

  gtk_widget_class_set_css_name (widget_class, "channelbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
agent_channel_bar_init (AgentChannelBar *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
}

GtkWidget *
agent_channel_bar_new (void)
{
  return g_object_new (AGENT_TYPE_CHANNEL_BAR, NULL);
}

void
agent_channel_bar_clear (AgentChannelBar *self)
{
  g_return_if_fail (AGENT_IS_CHANNEL_BAR (self));

  g_array_set_size (self->bars, 0);
  update_description (self);
}

/**
 * agent_channel_bar_add:
 * @self: the picture
 * @label: what the bar counts
 * @value: how much of it
 * @max: out of how much (the full track)
 * @value_text: (nullable): the value in words; "@value of @max" when %NULL
 * @style: the filled part's colour
 */
void
agent_channel_bar_add (AgentChannelBar      *self,
                       const char           *label,
                       double                value,
                       double                max,
                       const char           *value_text,
                       AgentChannelBarStyle  style)
{
  Bar bar;

  g_return_if_fail (AGENT_IS_CHANNEL_BAR (self));
  g_return_if_fail (label != NULL);

  bar.label = g_strdup (label);
  bar.value = value;
  bar.max = max;
  bar.style = style;
  if (value_text != NULL)
    bar.value_text = g_strdup (value_text);
  else
    /* Translators: a bar of the picture: "12 of 30" */
    bar.value_text = g_strdup_printf (_("%.0f of %.0f"), value, max);
  g_array_append_val (self->bars, bar);
  update_description (self);
}

guint
agent_channel_bar_get_n_bars (AgentChannelBar *self)
{
  g_return_val_if_fail (AGENT_IS_CHANNEL_BAR (self), 0);

  return self->bars->len;
}

double
agent_channel_bar_get_value (AgentChannelBar *self,
                             guint            index)
{
  g_return_val_if_fail (AGENT_IS_CHANNEL_BAR (self), 0);
  g_return_val_if_fail (index < self->bars->len, 0);

  return g_array_index (self->bars, Bar, index).value;
}

double
agent_channel_bar_get_max (AgentChannelBar *self,
                           guint            index)
{
  g_return_val_if_fail (AGENT_IS_CHANNEL_BAR (self), 0);
  g_return_val_if_fail (index < self->bars->len, 0);

  return g_array_index (self->bars, Bar, index).max;
}

const char *
agent_channel_bar_get_label (AgentChannelBar *self,
                             guint            index)
{
  g_return_val_if_fail (AGENT_IS_CHANNEL_BAR (self), NULL);
  g_return_val_if_fail (index < self->bars->len, NULL);

  return g_array_index (self->bars, Bar, index).label;
}
