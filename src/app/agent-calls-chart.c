/* agent-calls-chart.c — today's calls per hour: answered, missed, not answered
 *
 * One stacked bar per hour of the day, drawn with GtkSnapshot: answered calls in the accent
 * colour, missed incoming calls in the error colour, outgoing calls nobody answered dimmed.
 * Every third hour is labelled; hovering a bar tells its hour in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-calls-chart"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "agent-calls-chart.h"

#define BAR_FRACTION 0.62
#define MIN_HEIGHT   96
#define NAT_HEIGHT   140

struct _AgentCallsChart
{
  GtkWidget parent_instance;

  guint     answered[AGENT_CALLS_CHART_HOURS];
  guint     missed[AGENT_CALLS_CHART_HOURS];
  guint     unanswered[AGENT_CALLS_CHART_HOURS];
};

G_DEFINE_FINAL_TYPE (AgentCallsChart, agent_calls_chart, GTK_TYPE_WIDGET)

static const GdkRGBA accent = { 0.208, 0.518, 0.894, 1.0 };  /* libadwaita blue 3 */
static const GdkRGBA missed_color = { 0.878, 0.106, 0.141, 1.0 };  /* red 3 */

static guint
hour_total (AgentCallsChart *self,
            guint            hour)
{
  return self->answered[hour] + self->missed[hour] + self->unanswered[hour];
}

static PangoLayout *
hour_layout (GtkWidget *widget,
             guint      hour)
{
  g_autofree char *text = g_strdup_printf ("%02u", hour);

  return gtk_widget_create_pango_layout (widget, text);
}

static double
label_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = hour_layout (widget, 0);
  int height = 0;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
append_segment (GtkSnapshot   *snapshot,
                const GdkRGBA *color,
                double         x,
                double         y,
                double         width,
                double         height)
{
  if (height <= 0)
    return;
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
agent_calls_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AgentCallsChart *self = AGENT_CALLS_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double labels = label_height (widget) + 4;
  double plot = MAX (height - labels, 1);
  double slot = width / AGENT_CALLS_CHART_HOURS;
  double bar = MAX (slot * BAR_FRACTION, 1);
  guint peak = MAX (agent_calls_chart_get_peak (self), 1);
  GdkRGBA fg, dim, grid;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha *= 0.35;
  grid = fg;
  grid.alpha *= 0.15;

  /* The baseline. */
  gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (0, plot - 1, width, 1));

  for (guint hour = 0; hour < AGENT_CALLS_CHART_HOURS; hour++)
    {
      double x = hour * slot + (slot - bar) / 2;
      double bottom = plot - 1;
      double unit = (plot - 4) / peak;
      double h;

      h = self->answered[hour] * unit;
      append_segment (snapshot, &accent, x, bottom - h, bar, h);
      bottom -= h;
      h = self->missed[hour] * unit;
      append_segment (snapshot, &missed_color, x, bottom - h, bar, h);
      bottom -= h;
      h = self->unanswered[hour] * unit;
      append_segment (snapshot, &dim, x, bottom - h, bar, h);

      if (hour % 3 == 0)
        {
          g_autoptr(PangoLayout) layout = hour_layout (widget, hour);
          int text_width = 0;

          pango_layout_get_pixel_size (layout, &text_width, NULL);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot,
                                  &GRAPHENE_POINT_INIT (hour * slot + (slot - text_width) / 2,
                                                        plot + 3));
          gtk_snapshot_append_layout (snapshot, layout, &dim);
          gtk_snapshot_restore (snapshot);
        }
    }
}

static void
agent_calls_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = AGENT_CALLS_CHART_HOURS * 6;
      *natural = AGENT_CALLS_CHART_HOURS * 16;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = NAT_HEIGHT;
    }
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  AgentCallsChart *self = AGENT_CALLS_CHART (widget);
  int width = gtk_widget_get_width (widget);
  guint hour;
  g_autofree char *text = NULL;

  if (width <= 0 || x < 0)
    return FALSE;
  hour = MIN ((guint) (x * AGENT_CALLS_CHART_HOURS / width), AGENT_CALLS_CHART_HOURS - 1);

  /* Translators: a bar of the calls chart: the hour, then the calls in it. */
  text = g_strdup_printf (_("%02u:00–%02u:00: %u answered, %u missed, %u not answered"),
                          hour, hour + 1, self->answered[hour], self->missed[hour],
                          self->unanswered[hour]);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
agent_calls_chart_class_init (AgentCallsChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = agent_calls_chart_snapshot;
  widget_class->measure = agent_calls_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "callschart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
agent_calls_chart_init (AgentCallsChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

GtkWidget *
agent_calls_chart_new (void)
{
  return g_object_new (AGENT_TYPE_CALLS_CHART, NULL);
}

/**
 * agent_calls_chart_set_hours:
 * @self: the chart
 * @answered: (array fixed-size=24): calls answered, per hour of the day
 * @missed: (array fixed-size=24): incoming calls nobody answered
 * @unanswered: (array fixed-size=24): outgoing calls the other side did not answer
 */
void
agent_calls_chart_set_hours (AgentCallsChart *self,
                             const guint     *answered,
                             const guint     *missed,
                             const guint     *unanswered)
{
  guint total_answered = 0, total_missed = 0, total_unanswered = 0;
  g_autofree char *description = NULL;

  g_return_if_fail (AGENT_IS_CALLS_CHART (self));
  g_return_if_fail (answered != NULL && missed != NULL && unanswered != NULL);

  memcpy (self->answered, answered, sizeof self->answered);
  memcpy (self->missed, missed, sizeof self->missed);
  memcpy (self->unanswered, unanswered, sizeof self->unanswered);

  for (guint hour = 0; hour < AGENT_CALLS_CHART_HOURS; hour++)
    {
      total_answered += answered[hour];
      total_missed += missed[hour];
      total_unanswered += unanswered[hour];
    }

  /* Translators: what the calls chart shows, for screen readers. */
  description = g_strdup_printf (_("Calls per hour today: %u answered, %u missed, %u not answered"),
                                 total_answered, total_missed, total_unanswered);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
agent_calls_chart_get_answered (AgentCallsChart *self,
                                guint            hour)
{
  g_return_val_if_fail (AGENT_IS_CALLS_CHART (self), 0);
  g_return_val_if_fail (hour < AGENT_CALLS_CHART_HOURS, 0);

  return self->answered[hour];
}

guint
agent_calls_chart_get_missed (AgentCallsChart *self,
                              guint            hour)
{
  g_return_val_if_fail (AGENT_IS_CALLS_CHART (self), 0);
  g_return_val_if_fail (hour < AGENT_CALLS_CHART_HOURS, 0);

  return self->missed[hour];
}

guint
agent_calls_chart_get_unanswered (AgentCallsChart *self,
                                  guint            hour)
{
  g_return_val_if_fail (AGENT_IS_CALLS_CHART (self), 0);
  g_return_val_if_fail (hour < AGENT_CALLS_CHART_HOURS, 0);

  return self->unanswered[hour];
}

/**
 * agent_calls_chart_get_peak:
 *
 * Returns: the most calls in one hour, which the bars are scaled to
 */
guint
agent_calls_chart_get_peak (AgentCallsChart *self)
{
  guint peak = 0;

  g_return_val_if_fail (AGENT_IS_CALLS_CHART (self), 0);

  for (guint hour = 0; hour < AGENT_CALLS_CHART_HOURS; hour++)
    peak = MAX (peak, hour_total (self, hour));
  return peak;
}
