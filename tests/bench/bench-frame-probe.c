/* bench-frame-probe.c — how long each frame of the real application took (LD_PRELOAD)
 *
 *   BABAIHU_BENCH_FRAMES=FILE LD_PRELOAD=…/libbench-frame-probe.so babaihu-agent …
 *
 * Loaded into the unmodified application, it adds emission hooks on the frame clock's phase
 * signals: the first phase of a frame (flush-events, before-paint, update, layout or paint,
 * whichever the frame runs) begins it, after-paint ends it. It appends one line per frame to
 * FILE, and one line per window the first time the window is drawn:
 *
 *     frame <clock> <begin, unix ms> <end, unix ms> <painted: 0 or 1>
 *     window <clock> <the window's type> <its title>
 *     spinner <clock> <the path of a spinning GtkSpinner, mapped or not>   (every 600th frame)
 *     key <unix ms> <keyval>   (a key press as the application receives it)
 *
 * With BABAIHU_BENCH_SCROLL=TYPE:ROW:MS it also scrolls, when the process gets SIGUSR1: the
 * first mapped GtkScrolledWindow inside the widget of type TYPE (say AgentHistoryPage) moves
 * smoothly, one step per frame, from where it is to row ROW of its list in MS milliseconds —
 * as a person dragging the scroll bar would — and it writes
 *
 *     scroll-start <unix ms> <rows in the list> <row height, px>
 *     scroll-done <unix ms> <the adjustment's value> <its upper bound>
 *     scroll-error <what was missing>
 *
 * The benchmark driver keeps the frames of a time window (say, while it scrolls a list) and
 * reports the longest, or counts the frames of an idle application. Without
 * BABAIHU_BENCH_FRAMES it does nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <signal.h>

#include <glib-unix.h>
#include <gtk/gtk.h>

#define MAX_CLOCKS 16

static FILE *out;
static struct
{
  gpointer clock;
  double   begin_ms;
  gboolean painted;
  gboolean named;
  guint    n_frames;
  GtkNative *native;
} clocks[MAX_CLOCKS];

static double
now_ms (void)
{
  return g_get_real_time () / 1000.0;
}

static guint
slot_for (gpointer clock)
{
  guint free_slot = 0;

  for (guint i = 0; i < MAX_CLOCKS; i++)
    {
      if (clocks[i].clock == clock)
        return i;
      if (clocks[i].clock == NULL && free_slot == 0)
        free_slot = i + 1;
    }
  if (free_slot == 0)
    free_slot = 1;   /* more clocks than slots: share the first */
  clocks[free_slot - 1].clock = clock;
  clocks[free_slot - 1].begin_ms = 0;
  clocks[free_slot - 1].painted = FALSE;
  clocks[free_slot - 1].named = FALSE;
  clocks[free_slot - 1].n_frames = 0;
  clocks[free_slot - 1].native = NULL;
  return free_slot - 1;
}

/* What keeps a window drawing when nothing changes: usually a spinner that spins unseen. */
static void
dump_spinners (gpointer   clock,
               GtkWidget *widget,
               GString   *path)
{
  gsize len = path->len;
  const char *id = GTK_IS_BUILDABLE (widget) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;

  g_string_append_printf (path, "/%s%s%s", G_OBJECT_TYPE_NAME (widget), id ? "#" : "", id ? id : "");
  /* Unmapped ones too: a spinner in a hidden GtkStack page still runs its CSS animation. */
  if (GTK_IS_SPINNER (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget)))
    fprintf (out, "spinner %p %s%s\n", clock, path->str,
             gtk_widget_get_mapped (widget) ? " (mapped)" : " (not mapped)");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dump_spinners (clock, child, path);
  g_string_truncate (path, len);
}

static gboolean
on_phase_hook (GSignalInvocationHint *hint,
               guint                  n_params,
               const GValue          *params,
               gpointer               data)
{
  guint slot = slot_for (g_value_get_object (&params[0]));

  if (clocks[slot].begin_ms == 0)
    clocks[slot].begin_ms = now_ms ();
  return TRUE;
}

static gboolean
on_after_paint_hook (GSignalInvocationHint *hint,
                     guint                  n_params,
                     const GValue          *params,
                     gpointer               data)
{
  gpointer clock = g_value_get_object (&params[0]);
  guint slot = slot_for (clock);
  double end = now_ms ();

  fprintf (out, "frame %p %.3f %.3f %d\n", clock,
           clocks[slot].begin_ms > 0 ? clocks[slot].begin_ms : end, end, clocks[slot].painted);
  if (++clocks[slot].n_frames % 600 == 0 && clocks[slot].native != NULL)
    {
      g_autoptr(GString) path = g_string_new (NULL);
      dump_spinners (clock, GTK_WIDGET (clocks[slot].native), path);
    }
  fflush (out);
  clocks[slot].begin_ms = 0;
  clocks[slot].painted = FALSE;
  return TRUE;
}

/* A surface is drawn in this frame: remember it, and name its window once. */
static gboolean
on_render_hook (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               data)
{
  GdkSurface *surface = g_value_get_object (&params[0]);
  GdkFrameClock *clock = gdk_surface_get_frame_clock (surface);
  GtkNative *native = gtk_native_get_for_surface (surface);
  guint slot;

  if (clock == NULL)
    return TRUE;
  slot = slot_for (clock);
  clocks[slot].painted = TRUE;
  clocks[slot].native = native;
  if (!clocks[slot].named && native != NULL)
    {
      const char *title = GTK_IS_WINDOW (native) ? gtk_window_get_title (GTK_WINDOW (native)) : NULL;

      clocks[slot].named = TRUE;
      fprintf (out, "window %p %s %s\n", (gpointer) clock, G_OBJECT_TYPE_NAME (native),
               title ? title : "");
    }
  return TRUE;
}

/* ---- scrolling on request ---- */

static struct
{
  char          *type_name;
  guint          row;
  double         duration_ms;
  GtkAdjustment *adjustment;
  double         from;
  double         to;
  guint          n_items;
  double         start_ms;
} scroll;

static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *type_name,
             gboolean    mapped_only)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), g_type_from_name (type_name)) &&
      (!mapped_only || gtk_widget_get_mapped (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type_name, mapped_only);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GListModel *
list_model_of (GtkWidget *scrolled)
{
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));

  if (GTK_IS_COLUMN_VIEW (child))
    return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (child)));
  if (GTK_IS_LIST_VIEW (child))
    return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child)));
  return NULL;
}

static gboolean
on_scroll_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  double t = (now_ms () - scroll.start_ms) / scroll.duration_ms;
  double upper = gtk_adjustment_get_upper (scroll.adjustment);

  /* The list estimates the height of rows it has not measured: aim again at each step. */
  if (scroll.n_items > 0)
    scroll.to = MIN (upper / scroll.n_items * scroll.row,
                     upper - gtk_adjustment_get_page_size (scroll.adjustment));
  if (t >= 1.0)
    {
      gtk_adjustment_set_value (scroll.adjustment, scroll.to);
      fprintf (out, "scroll-done %.3f %.1f %.1f\n", now_ms (),
               gtk_adjustment_get_value (scroll.adjustment),
               gtk_adjustment_get_upper (scroll.adjustment));
      fflush (out);
      g_clear_object (&scroll.adjustment);
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (scroll.adjustment, scroll.from + (scroll.to - scroll.from) * t);
  return G_SOURCE_CONTINUE;
}

static void
scroll_error (const char *what)
{
  fprintf (out, "scroll-error %s\n", what);
  fflush (out);
}

static gboolean
on_scroll_signal_cb (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *page = NULL, *scrolled = NULL;
  GListModel *model;
  guint n_items;
  double row_height;

  if (scroll.adjustment != NULL || g_type_from_name (scroll.type_name) == 0)
    {
      scroll_error (scroll.adjustment != NULL ? "already scrolling" : "no such type");
      return G_SOURCE_CONTINUE;
    }
  for (guint i = 0; page == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      page = find_widget (window, scroll.type_name, TRUE);
    }
  if (page == NULL || (scrolled = find_widget (page, "GtkScrolledWindow", TRUE)) == NULL)
    {
      scroll_error ("no mapped scrolled list in that widget");
      return G_SOURCE_CONTINUE;
    }
  model = list_model_of (scrolled);
  n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  if (n_items == 0)
    {
      scroll_error ("the list is empty");
      return G_SOURCE_CONTINUE;
    }

  scroll.adjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
  row_height = gtk_adjustment_get_upper (scroll.adjustment) / n_items;
  scroll.n_items = n_items;
  scroll.row = MIN (scroll.row, n_items);
  scroll.from = gtk_adjustment_get_value (scroll.adjustment);
  scroll.to = MIN (row_height * MIN (scroll.row, n_items),
                   gtk_adjustment_get_upper (scroll.adjustment) - gtk_adjustment_get_page_size (scroll.adjustment));
  scroll.start_ms = now_ms ();
  fprintf (out, "scroll-start %.3f %u %.2f\n", scroll.start_ms, n_items, row_height);
  fflush (out);
  gtk_widget_add_tick_callback (scrolled, on_scroll_tick_cb, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static void
scroll_init (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 3);

  if (g_strv_length (parts) != 3)
    return;
  scroll.type_name = g_strdup (parts[0]);
  scroll.row = (guint) g_ascii_strtoull (parts[1], NULL, 10);
  scroll.duration_ms = MAX (100.0, g_ascii_strtod (parts[2], NULL));
  g_unix_signal_add (SIGUSR1, on_scroll_signal_cb, NULL);
}

static gboolean
on_surface_event_hook (GSignalInvocationHint *hint,
                       guint                  n_params,
                       const GValue          *params,
                       gpointer               data)
{
  GdkEvent *event;

  /* GTK 4.8 declares the parameter as a plain pointer. */
  if (n_params < 2 || !G_VALUE_HOLDS_POINTER (&params[1]))
    return TRUE;
  event = g_value_get_pointer (&params[1]);
  if (event != NULL && gdk_event_get_event_type (event) == GDK_KEY_PRESS)
    {
      fprintf (out, "key %.3f %u\n", now_ms (), gdk_key_event_get_keyval (event));
      fflush (out);
    }
  return TRUE;
}

__attribute__ ((constructor)) static void
probe_init (void)
{
  static const char *phases[] = { "flush-events", "before-paint", "update", "layout", "paint" };
  const char *path = g_getenv ("BABAIHU_BENCH_FRAMES");
  const char *scroll_spec = g_getenv ("BABAIHU_BENCH_SCROLL");
  GTypeClass *klass;

  if (path == NULL || *path == '\0')
    return;
  out = fopen (path, "a");
  if (out == NULL)
    return;

  klass = g_type_class_ref (GDK_TYPE_FRAME_CLOCK);
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    g_signal_add_emission_hook (g_signal_lookup (phases[i], GDK_TYPE_FRAME_CLOCK), 0,
                                on_phase_hook, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("after-paint", GDK_TYPE_FRAME_CLOCK), 0,
                              on_after_paint_hook, NULL, NULL);
  g_type_class_unref (klass);
  klass = g_type_class_ref (GDK_TYPE_SURFACE);
  g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0,
                              on_render_hook, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("event", GDK_TYPE_SURFACE), 0,
                              on_surface_event_hook, NULL, NULL);
  g_type_class_unref (klass);

  if (scroll_spec != NULL)
    scroll_init (scroll_spec);
}
