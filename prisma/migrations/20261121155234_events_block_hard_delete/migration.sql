-- DropForeignKey
ALTER TABLE "AnnotationEvent" DROP CONSTRAINT "AnnotationEvent_annotationId_fkey";

-- AddForeignKey
ALTER TABLE "AnnotationEvent" ADD CONSTRAINT "AnnotationEvent_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
