/* agent-popup-manager-warm.c — a hidden pop-up draws once, so that its first frame is quick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-popup-manager"

#include "config.h"

#include "agent-popup-manager-private.h"
#include "agent-window.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* The first widget of @type under @widget, breadth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  GQueue queue = G_QUEUE_INIT;
  GtkWidget *found = NULL;

  g_queue_push_tail (&queue, widget);
  while (found == NULL && (widget = g_queue_pop_head (&queue)) != NULL)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
        found = widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&queue, child);
    }
  g_queue_clear (&queue);
  return found;
}

/* With GL (GSK_RENDERER=gl, or GTK's own choice on a desktop without a GPU, where Mesa's
 * llvmpipe draws), each pop-up has a GL context of its own, and llvmpipe compiles its shaders
 * anew for each context the first time it draws with them: about 20 ms of LLVM on the main
 * thread in the first call's frame (`perf`), which made a pop-up's first frame 40–45 ms
 * against 10–15 for one shown before. So the pop-up the next call takes draws once while it
 * is hidden: the main window's header bar as it is (labels, a switch, icon buttons: the
 * shaders a pop-up uses), scaled into the pop-up's surface, which is 1×1 and unmapped until
 * the pop-up is shown. Nothing is mapped: nobody sees it, and the focus stays where it is.
 * The whole main window would cover more shaders but keeps ~15 MB more compiled code per
 * context; the header bar costs about nothing. Cairo needs none of it. */
/**
 * agent_popup_manager_prepare_renderer:
 * @popup: a pooled pop-up, realized and hidden
 * @application: the application, whose main window lends its header bar
 *
 * Draws @popup once while it is hidden, so that its first frame on screen does not compile
 * shaders (GL only; see above). Marks it prepared (`agent-renderer-prepared`) either way.
 */
void
agent_popup_manager_prepare_renderer (GtkWindow      *popup,
                                      GtkApplication *application)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (popup));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popup));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkWidget *sample = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  g_object_set_data (G_OBJECT (popup), "agent-renderer-prepared", GINT_TO_POINTER (TRUE));
  if (renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer) || surface == NULL ||
      gtk_widget_get_mapped (GTK_WIDGET (popup)))
    return;
  /* X11 only, where it was measured. On Wayland a frame drawn now would attach a buffer to a
   * surface that has no xdg role yet, which xdg-shell forbids once the role comes (the
   * compositor would end the connection); GNOME on Wayland has a GPU or llvmpipe alike, and
   * the pop-up there keeps its first-frame cost. */
#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_SURFACE (surface))
    return;
#else
  return;
#endif

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (AGENT_IS_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      sample = find_descendant (l->data, ADW_TYPE_HEADER_BAR);
  if (sample == NULL || !gtk_widget_get_mapped (sample))
    return;

  width = MAX (gtk_widget_get_width (sample), 1);
  height = MAX (gtk_widget_get_height (sample), 1);
  paintable = gtk_widget_paintable_new (sample);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot,
                      (float) MAX (gdk_surface_get_width (surface), 1) / width,
                      (float) MAX (gdk_surface_get_height (surface), 1) / height);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_renderer_render (renderer, node, NULL);
}
